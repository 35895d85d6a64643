import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import AjvDraft04 from 'ajv-draft-04';
import { PNG } from 'pngjs';
import { buildTeamsPackage, fillManifest, manifestValues, TEAMS_MANIFEST_DIR } from '../../src/cli/package-teams.ts';
import { tempDir } from '../support/make.ts';

const require = createRequire(import.meta.url);
const SCHEMA_PATH = require.resolve(
  '@microsoft/app-manifest/build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
);
const ENV = { MICROSOFT_APP_ID: '00000000-0000-4000-8000-00000000b075', PUBLIC_URL: 'https://handover.example.org' };

/** Reads a zip's central directory: name → uncompressed bytes (stored or deflated entries). */
function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const local = buf.readUInt32LE(at + 42);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + compressed);
    files.set(name, method === 0 ? raw.subarray(0, size) : inflateRawSync(raw));
    at += 46 + nameLength + extra;
  }
  return files;
}

function validate(manifest: unknown): string[] {
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  const check = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  return check(manifest) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('Teams app package', () => {
  it('the manifest, with ids filled in, validates against the v1.30 schema shipped in @microsoft/app-manifest', () => {
    const manifest = fillManifest(readFileSync(join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8'), manifestValues(ENV));
    expect(validate(manifest)).to.deep.equal([]);
    expect(manifest).to.deep.include({ validDomains: ['handover.example.org'] });
  });

  it('npm run package:teams writes a zip with exactly the manifest and two icons of the right sizes', async () => {
    const tmp = tempDir();
    try {
      const path = await buildTeamsPackage(ENV, join(tmp.dir, 'teams.zip'));
      const files = unzip(readFileSync(path));
      expect([...files.keys()].sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as {
        id: string;
        bots: { botId: string }[];
      };
      expect(manifest.bots[0].botId).to.equal(ENV.MICROSOFT_APP_ID);
      expect(JSON.stringify(manifest)).not.to.contain('${{');
      const color = PNG.sync.read(files.get('color.png')!);
      const outline = PNG.sync.read(files.get('outline.png')!);
      expect([color.width, color.height, outline.width, outline.height]).to.deep.equal([192, 192, 32, 32]);
      const pixels = [...Array(outline.width * outline.height).keys()].map((i) =>
        outline.data.subarray(i * 4, i * 4 + 4),
      );
      expect(
        pixels.some((p) => p[3] === 0),
        'outline has a transparent background',
      ).to.equal(true);
      expect(
        pixels.filter((p) => p[3] > 0).every((p) => p[0] === 255 && p[1] === 255 && p[2] === 255),
        'outline is white',
      ).to.equal(true);
    } finally {
      tmp.cleanup();
    }
  });

  it('without a bot app id the package is refused with a sentence naming the variable', () => {
    expect(() => manifestValues({ PUBLIC_URL: 'https://x.example.org' })).to.throw(/MICROSOFT_APP_ID/);
  });
});
