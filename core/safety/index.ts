/** Red-flag detection: the safety core. Domain core: no Bot Framework imports. */
export * from './types';
export { assessSafety, createRedFlagDetector, type AssessOptions, type RedFlagDetector } from './detector';
export {
  loadRedFlagDefinitions,
  parseRedFlagDefinitions,
  defaultRedFlagFile,
  RedFlagDefinitionError,
  type RedFlagDefinition,
  type RedFlagDefinitions,
} from './definitions';
export {
  loadSafetyKnowledge,
  buildSafetyKnowledge,
  defaultSafetyKnowledge,
  defaultSafetyKnowledgeDir,
  SafetyKnowledgeError,
  type SafetyKnowledge,
} from './knowledge';
