import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config.ts';
import {
  SourceConfigError,
  demoInboxSources,
  loadSources,
  parseSources,
} from '../../server/services/pulls/source.service.ts';

const court = {
  name: 'court-a',
  kind: 'litigation',
  type: 'http',
  url: 'http://127.0.0.1:9/cases',
  schedule: '0 */30 * * * *',
  auth: { env: 'COURT_TOKEN' },
  updatedSinceParam: 'updated_since',
};

describe('parseSources', () => {
  it('fills the documented defaults', () => {
    const [s] = parseSources(JSON.stringify({ sources: [court] }), 'test');
    expect(s).toMatchObject({
      timezone: 'Asia/Shanghai',
      enabled: true,
      format: 'json',
      timeoutSeconds: 30,
      attempts: 3,
      auth: { header: 'Authorization', env: 'COURT_TOKEN', prefix: 'Bearer ' },
    });
  });

  it('resolves a relative folder path against the project root', () => {
    const folder = {
      name: 'inbox',
      kind: 'units',
      type: 'folder',
      path: 'data/inbox/units',
      schedule: '* * * * *',
    };
    const [s] = parseSources(JSON.stringify({ sources: [folder] }), 'test');
    expect(s).toMatchObject({ path: path.join(projectRoot, 'data/inbox/units'), settleSeconds: 5 });
  });

  it.each([
    ['a token value in the file', { ...court, auth: { env: 'COURT_TOKEN', token: 'secret' } }, 'auth'],
    ['an upper-case name', { ...court, name: 'Court' }, 'name'],
    ['an unknown kind', { ...court, kind: 'cases' }, 'kind'],
    ['a non-HTTP URL', { ...court, url: 'ftp://127.0.0.1/cases' }, 'url'],
    ['an unknown key', { ...court, retries: 3 }, 'retries'],
    ['an unknown time zone', { ...court, timezone: 'China/Beijing' }, 'timezone'],
  ])('refuses %s', (_what, source, where) => {
    expect(() => parseSources(JSON.stringify({ sources: [source] }), 'test')).toThrow(SourceConfigError);
    expect(() => parseSources(JSON.stringify({ sources: [source] }), 'test')).toThrow(where);
  });

  it('refuses two sources with one name', () => {
    expect(() => parseSources(JSON.stringify({ sources: [court, court] }), 'test')).toThrow('duplicate name');
  });

  it('says which file is not JSON', () => {
    expect(() => parseSources('{ sources: [] }', 'config/sources.json')).toThrow(
      /config\/sources\.json is not valid JSON/,
    );
  });

  it('accepts the documented example file', async () => {
    const fs = await import('node:fs');
    const text = fs.readFileSync(path.join(projectRoot, 'config', 'sources.example.json'), 'utf8');
    const sources = parseSources(text, 'sources.example.json');
    expect(sources.map((s) => s.type).sort()).toEqual(['folder', 'http', 'http']);
  });
});

describe('loadSources', () => {
  it('falls back to the demo inbox when no sources file exists', () => {
    const env = {};
    const loaded = loadSources(env, '/srv/sj-data-that-does-not-exist');
    if (loaded.file === null) {
      expect(loaded.sources.map((s) => s.name)).toEqual([
        'inbox-units',
        'inbox-litigation',
        'inbox-reconsideration',
        'inbox-prelitigation',
      ]);
    } else {
      // A developer's own config/sources.json wins over the demo inbox.
      expect(loaded.file).toBe(path.join(projectRoot, 'config', 'sources.json'));
    }
  });

  it('refuses a SOURCES_FILE that does not exist', () => {
    expect(() => loadSources({ SOURCES_FILE: '/nonexistent/sources.json' }, '/tmp')).toThrow(
      'SOURCES_FILE not found',
    );
  });

  it('puts each demo inbox under <dataDir>/inbox/<kind>', () => {
    expect(demoInboxSources('/d').map((s) => s.path)).toEqual([
      '/d/inbox/units',
      '/d/inbox/litigation',
      '/d/inbox/reconsideration',
      '/d/inbox/prelitigation',
    ]);
  });
});
