/**
 * Word lists tested token by token: `oneOf('yes|yeah|yep').has(token)` says what
 * `/^(yes|yeah|yep)$/.test(token)` says, with a set look-up instead of running a pattern (and, for a
 * pattern written inside a function, making a new pattern object) for every token. Each list is made
 * once, at its first use.
 */
const lists = new Map<string, ReadonlySet<string>>();

export function oneOf(words: string): ReadonlySet<string> {
  let set = lists.get(words);
  if (!set) {
    set = new Set(words.split('|'));
    lists.set(words, set);
  }
  return set;
}

/** Names every plain object inherits ("constructor", "toString"...). */
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * `record[word]` for a plain object of words, as a map look-up: indexing an object with a token
 * makes V8 look the string up among its property names first, token after token. What the object
 * gives for a name every object inherits ("constructor") is given the same.
 */
export function wordTable<T>(record: Readonly<Record<string, T>>): (word: string) => T | undefined {
  const map = new Map(Object.entries(record));
  return (word) => {
    const value = map.get(word);
    if (value !== undefined || !INHERITED.has(word)) return value;
    return record[word];
  };
}
