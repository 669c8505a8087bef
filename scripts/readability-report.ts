/** Prints the readability of every topic as JSON: used by the content tests, which run in CommonJS jest. */
import { loadKnowledgeBase } from '../core/knowledge/loader';
import { measureTopic } from '../core/knowledge/readability';

const kb = loadKnowledgeBase();
process.stdout.write(JSON.stringify([...kb.topics.values()].map(measureTopic)) + '\n');
