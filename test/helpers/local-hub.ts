import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { copyFixtureModel } from './fixture-model.ts';
import { startModelServer, type ModelServer } from './model-server.ts';

export interface LocalHub {
  server: ModelServer;
  /** The folder served: a private copy of the fixture copy model. */
  served: string;
}

/** A stand-in hub serving the fixture copy model as `modelId` to a test file's tests, its log and knobs reset before each. */
export function localHub(root: string, modelId: string): LocalHub {
  const hub = {} as LocalHub;
  beforeAll(async () => {
    hub.served = copyFixtureModel(path.join(root, 'served'));
    hub.server = await startModelServer(hub.served, modelId);
  });
  afterAll(() => hub.server.close());
  beforeEach(() => hub.server.reset());
  return hub;
}
