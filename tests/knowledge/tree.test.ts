import { topicSchema, type Topic } from '../../core/knowledge/schema';
import { buildTopicTree, treeProblems } from '../../core/knowledge/tree';
import { testDomain } from '../support/domain';

/** A small valid topic; only what the tree reads matters. */
function topic(id: string, parent: string | undefined, order?: number, hub = false, pages?: { size: number; moreLabel: string }): Topic {
  return topicSchema.parse({
    id,
    hub,
    ...(pages ? { pages } : {}),
    title: id.replace(/-/g, ' '),
    group: parent === undefined ? 'conversation' : 'managing',
    ...(parent === undefined ? {} : { parent }),
    ...(order === undefined ? {} : { order }),
    answer: 'Words.',
    sources: parent === undefined ? [] : ['lll'],
    examples: Array.from({ length: 12 }, (_, i) => `example ${i}`),
  });
}

function topicsOf(...list: Topic[]): Map<string, Topic> {
  return new Map(list.map((t) => [t.id, t]));
}

const ids = (list: readonly Topic[]) => list.map((t) => t.id);

describe('the dialog tree, built from each topic naming its parent', () => {
  const topics = topicsOf(
    topic('hub-b', 'root', 2),
    topic('hub-a', 'root', 1, true),
    topic('leaf-3', 'hub-a', 3),
    topic('leaf-1', 'hub-a', 1),
    topic('leaf-2', 'hub-a', 2),
    topic('leaf-unordered', 'hub-a'),
    topic('only-child', 'hub-b', 1),
    topic('hello', undefined),
  );
  const tree = buildTopicTree(topics);

  it('lists the welcome menu and a hub\'s children in their order, unordered ones last', () => {
    expect(ids(tree.rootMenu())).toEqual(['hub-a', 'hub-b']);
    expect(ids(tree.children('hub-a'))).toEqual(['leaf-1', 'leaf-2', 'leaf-3', 'leaf-unordered']);
    expect(ids(tree.children('leaf-1'))).toEqual([]);
  });

  it('gives a leaf its parent and its siblings, and a top-level topic no parent (the way up is the menu)', () => {
    expect(tree.parent('leaf-2')?.id).toBe('hub-a');
    expect(tree.parent('hub-a')).toBeUndefined();
    expect(ids(tree.siblings('leaf-2'))).toEqual(['leaf-1', 'leaf-3', 'leaf-unordered']);
    expect(ids(tree.siblings('hub-a'))).toEqual(['hub-b']);
    expect(ids(tree.siblings('only-child'))).toEqual([]);
  });

  it('offers the next siblings as neighbours, wrapping round to the first', () => {
    expect(ids(tree.neighbours('leaf-1', 2))).toEqual(['leaf-2', 'leaf-3']);
    expect(ids(tree.neighbours('leaf-3', 2))).toEqual(['leaf-unordered', 'leaf-1']);
    expect(ids(tree.neighbours('leaf-3', 10))).toEqual(['leaf-unordered', 'leaf-1', 'leaf-2']);
  });

  it('keeps conversation topics and unknown ids out of the tree', () => {
    expect(tree.inTree('hello')).toBe(false);
    expect(tree.parent('hello')).toBeUndefined();
    expect(tree.siblings('hello')).toEqual([]);
    expect(tree.children('nothing')).toEqual([]);
    expect(tree.path('hello')).toEqual([]);
    expect(tree.children('root')).toEqual([]);
  });

  it('splits a hub shown in pages into pages in menu order, the last one shorter; other hubs are one page', () => {
    const paged = buildTopicTree(topicsOf(...[...topics.values()].map((t) => (t.id === 'hub-a' ? { ...t, pages: { size: 3, moreLabel: 'More' } } : t))));
    expect(paged.childPages('hub-a').map(ids)).toEqual([['leaf-1', 'leaf-2', 'leaf-3'], ['leaf-unordered']]);
    expect(tree.childPages('hub-a').map(ids)).toEqual([['leaf-1', 'leaf-2', 'leaf-3', 'leaf-unordered']]);
    expect(tree.childPages('leaf-1')).toEqual([]);
  });

  it('knows hubs and the path down from the welcome menu', () => {
    expect(tree.isHub('hub-a')).toBe(true);
    expect(tree.isHub('hub-b')).toBe(false);
    expect(tree.isHub('leaf-1')).toBe(false);
    expect(ids(tree.path('leaf-2'))).toEqual(['hub-a', 'leaf-2']);
  });
});

describe('checking the tree', () => {
  it('finds nothing wrong in a sound tree', () => {
    expect(treeProblems(topicsOf(topic('a', 'root'), topic('b', 'a')))).toEqual([]);
  });

  it('names a parent that does not exist, and what can no longer be reached because of it', () => {
    const problems = treeProblems(topicsOf(topic('a', 'root'), topic('b', 'missing'), topic('c', 'b')));
    expect(problems).toContainEqual({ id: 'b', field: 'parent', message: 'no topic has the id "missing"' });
    expect(problems).toContainEqual({ id: 'c', field: 'parent', message: expect.stringMatching(/cannot be reached from the welcome menu/) });
  });

  it('names a circle of parents', () => {
    const problems = treeProblems(topicsOf(topic('a', 'b'), topic('b', 'a')));
    expect(problems).toContainEqual({ id: 'a', field: 'parent', message: 'the parents go round in a circle: a → b → a' });
  });

  it('names a hub with fewer than two children', () => {
    expect(treeProblems(topicsOf(topic('a', 'root', 1, true), topic('b', 'a')))).toEqual([
      { id: 'a', field: 'hub', message: 'a hub needs at least two topics that name it as their parent' },
    ]);
  });

  it('names a hub shown in pages whose topics fit on one page', () => {
    expect(treeProblems(topicsOf(topic('a', 'root', 1, true, { size: 2, moreLabel: 'More' }), topic('b', 'a'), topic('c', 'a')))).toEqual([
      { id: 'a', field: 'pages', message: 'its 2 topics fit on one page of 2: remove pages, or make the page smaller' },
    ]);
  });

  it('refuses pages on a topic that is not a hub', () => {
    const parsed = topicSchema.safeParse({ ...topic('a', 'root'), pages: { size: 3, moreLabel: 'More' } });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['pages', 'only a hub (hub: true) shows its children in pages']]);
  });

  it('refuses a conversation topic as a parent', () => {
    const problems = treeProblems(topicsOf(topic('hello', undefined), topic('a', 'hello')));
    expect(problems).toEqual([{ id: 'a', field: 'parent', message: expect.stringMatching(/"hello" is outside the dialog tree/) }]);
  });
});

describe('the real dialog tree', () => {
  const { kb, messages } = testDomain();
  const tree = kb.tree;

  it('has the welcome menu of the product: why, is it normal, how to handle, check, when to see a doctor', () => {
    expect(ids(tree.rootMenu())).toEqual(['why-breasts-leak', 'is-leaking-normal', 'managing-leaks', 'symptom-check', 'when-to-see-doctor']);
  });

  it('puts every cause under why-breasts-leak, everyday ones first, and every way to handle leaks under managing-leaks', () => {
    const causes = ids(tree.children('why-breasts-leak'));
    for (const id of ['letdown-reflex', 'full-breasts', 'shower-leaking', 'dmer', 'oversupply', 'mastitis-and-infection', 'galactorrhea', 'breast-cancer-concern']) {
      expect(causes).toContain(id);
    }
    expect(causes[0]).toBe('letdown-reflex');
    const firstCondition = causes.findIndex((id) => kb.topic(id).group === 'conditions');
    const everyday = ['letdown-reflex', 'full-breasts', 'other-breast-leaking', 'shower-leaking', 'pressure-triggers', 'leaking-during-sex', 'no-obvious-reason'];
    for (const id of everyday) expect(causes.indexOf(id)).toBeLessThan(firstCondition);
    expect(ids(tree.children('managing-leaks'))).toEqual(expect.arrayContaining([
      'breast-pads', 'feed-or-pump-often', 'nipple-pressure', 'hiding-leaks-clothing', 'leaking-at-night', 'leaking-at-work', 'confidence-and-embarrassment',
    ]));
  });

  it('shows the causes a phone-sized page at a time, the commonest first, every cause on one page', () => {
    const pages = tree.childPages('why-breasts-leak');
    expect(pages[0].length).toBeLessThanOrEqual(6);
    expect(ids(pages[0])).toEqual(expect.arrayContaining(['letdown-reflex', 'full-breasts', 'other-breast-leaking']));
    expect(pages.flat()).toEqual(tree.children('why-breasts-leak'));
  });

  it('marks the two overviews as hubs', () => {
    expect([...kb.topics.values()].filter((t) => tree.isHub(t.id)).map((t) => t.id).sort()).toEqual(['managing-leaks', 'why-breasts-leak']);
  });

  it('reaches every health topic from the welcome menu', () => {
    for (const t of kb.topics.values()) {
      if (t.group === 'conversation') continue;
      expect([t.id, tree.path(t.id)[0] ? tree.rootMenu().includes(tree.path(t.id)[0]!) : false]).toEqual([t.id, true]);
    }
  });

  it('opens the hubs from the welcome buttons "Why do I leak?" and "How to handle leaks"', () => {
    const byLabel = new Map(messages.welcomeChoices.map((c) => [c.label, c.topic]));
    expect(byLabel.get('Why do I leak?')).toBe('why-breasts-leak');
    expect(byLabel.get('How to handle leaks')).toBe('managing-leaks');
  });
});
