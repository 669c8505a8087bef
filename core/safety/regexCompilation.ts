import { setFlagsFromString } from 'node:v8';

/**
 * V8 first compiles a regular expression to bytecode and compiles it again to native code when it
 * runs a second time. For the red-flag patterns (about 240 large alternations, 70,000 characters of
 * source) the bytecode step costs about 0.6 s on the first message a parent sends, then 0.1 s more;
 * compiling straight to native code costs about 0.06 s and runs as fast afterwards. The flag applies
 * to every pattern compiled after this line, and patterns compile on first use.
 */
setFlagsFromString('--no-regexp-tier-up');
