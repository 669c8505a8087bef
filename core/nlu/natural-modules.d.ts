/**
 * Types for the few files of `natural` that language understanding loads directly. Requiring the
 * package index (`natural`) loads every storage back-end too, which prints dotenv banners on stdout
 * (breaking `scripts/nlu.ts export`) and takes most of a second; the single files load in ~10 ms.
 */
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  export function stem(word: string): string;
}

declare module 'natural/lib/natural/distance/levenshtein_distance' {
  export interface DistanceOptions {
    insertion_cost?: number;
    deletion_cost?: number;
    substitution_cost?: number;
    transposition_cost?: number;
    restricted?: boolean;
  }
  export function DamerauLevenshteinDistance(source: string, target: string, options?: DistanceOptions): number;
  export function LevenshteinDistance(source: string, target: string, options?: DistanceOptions): number;
}

declare module 'natural/lib/natural/distance/jaro-winkler_distance' {
  function JaroWinklerDistance(s1: string, s2: string, options?: { dj?: number; ignoreCase?: boolean }): number;
  export = JaroWinklerDistance;
}
