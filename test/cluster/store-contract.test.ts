import { before } from 'node:test';
import { join } from 'node:path';
import { SqliteTrafficStore } from '../../src/store/sqlite/sqlite-store.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { tempDir } from '../helpers/temp.js';
import { trafficStoreContract } from './helpers/store-contract.js';
import { POSTGRES_URL, requireService, runId } from './helpers/services.js';

before(async () => {
  await requireService('postgres');
});

trafficStoreContract('sqlite', async () => {
  const tmp = tempDir('vigil-contract-');
  const store = new SqliteTrafficStore(join(tmp.dir, 'vigil.db'));
  return {
    store,
    dispose: async () => {
      await store.close();
      tmp.cleanup();
    },
  };
});

trafficStoreContract('postgres', async () => {
  const store = await PostgresStore.open({ url: POSTGRES_URL, schema: runId('contract') });
  return {
    store,
    dispose: async () => {
      await store.dropSchema();
      await store.close();
    },
  };
});
