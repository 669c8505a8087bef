import { TREE_ROOT, type Topic } from './schema';

/**
 * The dialog tree a parent browses: the welcome menu is its root, hubs (why breasts leak, managing
 * leaks...) list their children, and every health topic names its parent in its own file. Pure: built
 * from the loaded topics, it reads nothing and changes nothing.
 */
export interface TopicTree {
  /** The welcome menu's topics, in menu order. */
  rootMenu(): readonly Topic[];
  /** A topic's children in menu order; empty for a leaf, an unknown id or a topic outside the tree. */
  children(id: string): readonly Topic[];
  /**
   * A hub's children a page at a time (its `pages.size`), in menu order; one page holding them all
   * when the hub has no `pages`; empty for a leaf.
   */
  childPages(id: string): ReadonlyArray<readonly Topic[]>;
  /** The topic one level up; undefined when the topic is in the welcome menu, outside the tree or unknown. */
  parent(id: string): Topic | undefined;
  /** The other topics under the same parent (the welcome menu included), in menu order, itself left out. */
  siblings(id: string): readonly Topic[];
  /**
   * Up to `count` siblings that come next in menu order (wrapping round to the first), so a parent
   * reading one cause is offered the following ones rather than always the same first few.
   */
  neighbours(id: string, count: number): readonly Topic[];
  /** Whether the topic is in the tree (health topics are; hello, help, thanks... are not). */
  inTree(id: string): boolean;
  /** Whether the topic is a hub (`hub: true`: an overview such as why-breasts-leak, whose children are its buttons). */
  isHub(id: string): boolean;
  /** The topics from the welcome menu down to this one, itself last; empty outside the tree. */
  path(id: string): readonly Topic[];
}

/** Menu order: an explicit `order` first (smaller first), then the rest by title. */
function menuOrder(a: Topic, b: Topic): number {
  const ao = a.order ?? Number.POSITIVE_INFINITY;
  const bo = b.order ?? Number.POSITIVE_INFINITY;
  if (ao !== bo) return ao < bo ? -1 : 1;
  return a.title.localeCompare(b.title, 'en');
}

/** A tree problem, for the loader to report with the topic's file and field. */
export interface TreeProblem {
  id: string;
  field: 'parent' | 'hub' | 'pages';
  message: string;
}

/**
 * Checks the tree the topics describe: each parent exists and is in the tree, no topic is its own
 * ancestor, every topic in the tree can be reached from the welcome menu, each hub has children, and
 * a hub shown in pages has more than one page of them.
 */
export function treeProblems(topics: ReadonlyMap<string, Topic>): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const broken = new Set<string>();
  for (const topic of topics.values()) {
    const parent = topic.parent;
    if (parent === undefined || parent === TREE_ROOT) continue;
    const target = topics.get(parent);
    if (!target) {
      problems.push({ id: topic.id, field: 'parent', message: `no topic has the id "${parent}"` });
      broken.add(topic.id);
    } else if (target.group === 'conversation' || target.parent === undefined) {
      problems.push({ id: topic.id, field: 'parent', message: `"${parent}" is outside the dialog tree (it has no parent), so it cannot be one` });
      broken.add(topic.id);
    }
  }
  const childCount = new Map<string, number>();
  for (const topic of topics.values()) if (topic.parent) childCount.set(topic.parent, (childCount.get(topic.parent) ?? 0) + 1);
  for (const topic of topics.values()) {
    if (topic.hub && (childCount.get(topic.id) ?? 0) < 2) {
      problems.push({ id: topic.id, field: 'hub', message: 'a hub needs at least two topics that name it as their parent' });
    }
    const children = childCount.get(topic.id) ?? 0;
    if (topic.pages && children <= topic.pages.size) {
      problems.push({ id: topic.id, field: 'pages', message: `its ${children} topics fit on one page of ${topic.pages.size}: remove pages, or make the page smaller` });
    }
  }
  for (const topic of topics.values()) {
    if (topic.parent === undefined || broken.has(topic.id)) continue;
    const seen = [topic.id];
    let current: Topic | undefined = topic;
    while (current?.parent !== undefined && current.parent !== TREE_ROOT) {
      const next = current.parent;
      if (seen.includes(next)) {
        problems.push({ id: topic.id, field: 'parent', message: `the parents go round in a circle: ${[...seen, next].join(' → ')}` });
        break;
      }
      if (broken.has(next)) {
        problems.push({ id: topic.id, field: 'parent', message: `cannot be reached from the welcome menu: the parent of "${next}" is broken` });
        break;
      }
      seen.push(next);
      current = topics.get(next);
    }
  }
  return problems;
}

/** Builds the tree from loaded, checked topics (see treeProblems); broken links are left out, not followed. */
export function buildTopicTree(topics: ReadonlyMap<string, Topic>): TopicTree {
  const byParent = new Map<string, Topic[]>();
  for (const topic of topics.values()) {
    if (topic.parent === undefined) continue;
    if (topic.parent !== TREE_ROOT && !topics.has(topic.parent)) continue;
    const list = byParent.get(topic.parent) ?? [];
    list.push(topic);
    byParent.set(topic.parent, list);
  }
  for (const list of byParent.values()) list.sort(menuOrder);

  const inTree = (id: string): boolean => topics.get(id)?.parent !== undefined;
  const childrenOf = (key: string): readonly Topic[] => byParent.get(key) ?? [];
  const siblings = (id: string): readonly Topic[] => {
    const topic = topics.get(id);
    if (topic?.parent === undefined) return [];
    return childrenOf(topic.parent).filter((t) => t.id !== id);
  };

  return {
    rootMenu: () => childrenOf(TREE_ROOT),
    children: (id) => (id === TREE_ROOT || !inTree(id) ? [] : childrenOf(id)),
    childPages(id) {
      const all = id === TREE_ROOT || !inTree(id) ? [] : childrenOf(id);
      const size = topics.get(id)?.pages?.size ?? all.length;
      const pages: Array<readonly Topic[]> = [];
      for (let at = 0; at < all.length; at += size) pages.push(all.slice(at, at + size));
      return pages;
    },
    parent(id) {
      const up = topics.get(id)?.parent;
      return up === undefined || up === TREE_ROOT ? undefined : topics.get(up);
    },
    siblings,
    neighbours(id, count) {
      const topic = topics.get(id);
      if (topic?.parent === undefined || count <= 0) return [];
      const all = childrenOf(topic.parent);
      const at = all.findIndex((t) => t.id === id);
      const after = [...all.slice(at + 1), ...all.slice(0, Math.max(at, 0))];
      return after.slice(0, count);
    },
    inTree,
    isHub: (id) => inTree(id) && topics.get(id)?.hub === true,
    path(id) {
      const out: Topic[] = [];
      let current = topics.get(id);
      while (current?.parent !== undefined && !out.includes(current)) {
        out.unshift(current);
        current = current.parent === TREE_ROOT ? undefined : topics.get(current.parent);
      }
      return out;
    },
  };
}
