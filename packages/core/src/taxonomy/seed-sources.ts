/**
 * The advice pages the behaviour taxonomy was built from (`shared/seeds/`), by file stem,
 * plus PRODUCT.md §1 for items the product brief names that no page lists verbatim.
 */
export const SEED_SOURCES = {
  '000_65250fb71b2a335f': 'Council page: recognise and get support for stalking and harassment',
  '001_5badb2ba1e4a4a0a': 'Police page: stalking and harassment, signs of stalking',
  '002_7e4faddf7540c658': 'Police page: examples of stalking, "Are you at risk?"',
  '003_3e3776f8e8344a54': 'Police page: harassment and stalking could include',
  '004_263530a507bd51f8': 'Victim services self-help booklet and stalking log',
  product: 'PRODUCT.md §1, the incident log',
} as const satisfies Record<string, string>;

export type SeedSource = keyof typeof SEED_SOURCES;
