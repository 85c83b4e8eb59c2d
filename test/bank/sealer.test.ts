import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { WrongMasterKey, type KeySealer } from '../../src/bank/sealer/key-sealer';
import { SEALINGS } from './support/sealings';
import { rejection } from './support/rejection';

for (const sealing of SEALINGS)
  describe(`key sealing (${sealing.name})`, () => {
    let sealer: KeySealer;
    let other: KeySealer;

    before(async () => {
      sealing.setUp();
      sealer = await sealing.sealer();
      other = await sealing.otherSealer();
    });

    after(async () => {
      await sealer.close();
      await other.close();
      sealing.tearDown();
    });

    it('seals a key so it opens only under the same master key and customer', async () => {
      const key = new Uint8Array(32).fill(5);
      const sealed = await sealer.seal('alice', key);
      expect(sealed).to.have.length(12 + 16 + 32);
      expect(sealed.includes(Buffer.from(key))).to.equal(false);
      expect([...(await sealer.open('alice', sealed))]).to.deep.equal([...key]);
      for (const attempt of [sealer.open('bob', sealed), other.open('alice', sealed)]) {
        const error = await rejection(attempt);
        expect(error).to.be.instanceOf(WrongMasterKey);
        expect(error.message).to.match(/does not open the stored key/);
      }
    });

    it('opens nothing altered: a flipped bit in the IV, the tag or the sealed key, or a cut blob', async () => {
      const sealed = await sealer.seal('alice', randomBytes(32));
      for (const bit of [0, 12 * 8 + 3, 28 * 8 + 7, sealed.length * 8 - 1]) {
        const altered = Buffer.from(sealed);
        altered[bit >> 3] ^= 1 << (bit & 7);
        expect(await rejection(sealer.open('alice', altered)), `bit ${bit}`).to.be.instanceOf(WrongMasterKey);
      }
      for (const length of [0, 27, 28, sealed.length - 1])
        expect(await rejection(sealer.open('alice', sealed.subarray(0, length))), `${length} bytes`).to.be.instanceOf(
          WrongMasterKey,
        );
    });

    it('seals the same key differently every time (a fresh random IV)', async () => {
      const key = randomBytes(32);
      const blobs = await Promise.all(Array.from({ length: 50 }, () => sealer.seal('alice', key)));
      expect(new Set(blobs.map((blob) => blob.toString('hex'))).size).to.equal(50);
      expect(new Set(blobs.map((blob) => blob.subarray(0, 12).toString('hex'))).size).to.equal(50);
    });

    it('seals and opens 500 random keys under random customer ids, 500 at once', async () => {
      const cases = Array.from({ length: 500 }, (_, i) => ({
        label: `customer-${i}-${randomBytes(4).toString('hex')}`,
        key: randomBytes(32),
      }));
      const sealed = await Promise.all(cases.map(({ label, key }) => sealer.seal(label, key)));
      const opened = await Promise.all(cases.map(({ label }, i) => sealer.open(label, sealed[i])));
      opened.forEach((key, i) => expect(key.equals(cases[i].key), cases[i].label).to.equal(true));
    });

    it('has a key id for each master key that is not the key', async () => {
      expect(sealer.keyId).to.match(/^(env:[0-9a-f]{16}|pkcs11:[^/]+\/.+)$/);
      expect(other.keyId).not.to.equal(sealer.keyId);
    });
  });
