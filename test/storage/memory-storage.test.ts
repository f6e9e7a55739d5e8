import { MemoryStorage } from '../../src/storage/memory-storage';
import { describeStorageConformance } from './conformance';

describeStorageConformance('memory', () => Promise.resolve({ storage: new MemoryStorage() }), { persistent: false });
