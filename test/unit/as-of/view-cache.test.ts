import t from 'tap';
import { viewCacheSuite } from './view-cache-suite.js';

t.test('as-of cache, views folded in this thread', (t) => viewCacheSuite(t, false));
