import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { WrongMasterKey, type KeySealer } from '../../src/bank/sealer/key-sealer';
import { MasterKeys, MissingMasterKey } from '../../src/bank/sealer/master-keys';
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

    it('with several master keys: seals under the current one, opens each key with the key its id names, a key without an id under whichever opens it', async () => {
      const key = randomBytes(32);
      const keys = new MasterKeys(other, [sealer]);
      const sealed = await keys.seal('alice', key);
      expect(sealed.keyId).to.equal(other.keyId);
      const underOld = await sealer.seal('alice', key);
      for (const stored of [sealed, { blob: underOld, keyId: sealer.keyId }, { blob: underOld, keyId: null }]) {
        const opened = await keys.open('alice', stored);
        expect(opened.key.equals(key)).to.equal(true);
        expect(opened.keyId).to.equal(stored.blob === underOld ? sealer.keyId : other.keyId);
      }
      const misnamed = await rejection(keys.open('alice', { blob: underOld, keyId: other.keyId }));
      expect(misnamed, 'the key id decides: no other key is tried').to.be.instanceOf(WrongMasterKey);
      const missing = await rejection(keys.open('alice', { blob: underOld, keyId: 'env:0123456789abcdef' }));
      expect(missing).to.be.instanceOf(MissingMasterKey);
      expect(missing.message).to.equal(
        'a stored key is sealed under the master key env:0123456789abcdef, which this server does not have: give it that key (current, or in MOBIPASS_OLD_MASTER_KEYS / MOBIPASS_PKCS11_OLD_KEYS)',
      );
      const nobody = await rejection(new MasterKeys(other).open('alice', { blob: underOld, keyId: null }));
      expect(nobody).to.be.instanceOf(WrongMasterKey);
      expect(() => new MasterKeys(sealer, [other, sealer])).to.throw(`the master key ${sealer.keyId} is given twice`);
    });
  });
