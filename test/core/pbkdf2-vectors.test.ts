import { expect } from 'chai';
import { ascii, toHex } from '../../src/core/bytes';
import { pbkdf2 } from '../../src/core/pbkdf2';
import { sha1 } from '../../src/core/sha1';
import { sha256 } from '../../src/core/sha256';

interface Pbkdf2Case {
  password: string;
  salt: string;
  iterations: number;
  expected: string;
}

function check(name: string, run: (c: Pbkdf2Case) => Uint8Array, cases: Pbkdf2Case[]): void {
  for (const c of cases) {
    const label = `${name}(P=${JSON.stringify(c.password)}, S=${JSON.stringify(c.salt)}, c=${c.iterations}, dkLen=${c.expected.length / 2})`;
    it(label, () => {
      expect(toHex(run(c))).to.equal(c.expected);
    });
  }
}

describe('PBKDF2-HMAC-SHA1: RFC 6070 §2', () => {
  // The RFC's fourth case (c = 16,777,216) is left out: the core runs about 0.8M SHA-1 iterations
  // per second here, so it would take about 20 s. Cases 3, 5 and 6 already run 4096 iterations.
  check(
    'PBKDF2-HMAC-SHA1',
    (c) => pbkdf2(sha1, ascii(c.password), ascii(c.salt), c.iterations, c.expected.length / 2),
    [
      { password: 'password', salt: 'salt', iterations: 1, expected: '0c60c80f961f0e71f3a9b524af6012062fe037a6' },
      { password: 'password', salt: 'salt', iterations: 2, expected: 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957' },
      { password: 'password', salt: 'salt', iterations: 4096, expected: '4b007901b765489abead49d926f721d065a429c1' },
      {
        password: 'passwordPASSWORDpassword',
        salt: 'saltSALTsaltSALTsaltSALTsaltSALTsalt',
        iterations: 4096,
        expected: '3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038',
      },
      { password: 'pass\0word', salt: 'sa\0lt', iterations: 4096, expected: '56fa6aa75548099dcc37d7f03425e0c3' },
    ],
  );
});

describe('PBKDF2-HMAC-SHA256: RFC 7914 §11', () => {
  check(
    'PBKDF2-HMAC-SHA256',
    (c) => pbkdf2(sha256, ascii(c.password), ascii(c.salt), c.iterations, c.expected.length / 2),
    [
      {
        password: 'passwd',
        salt: 'salt',
        iterations: 1,
        expected:
          '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
      },
      {
        password: 'Password',
        salt: 'NaCl',
        iterations: 80000,
        expected:
          '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d',
      },
    ],
  );
});
