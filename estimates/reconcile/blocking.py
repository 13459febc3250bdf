"""Reconciling at scale: what keeps the cost of finding stories and grouping claims growing
with the claims, not with their square.

- Stories over many documents (stories.py): `story_blocks` splits the documents into blocks
  that no story crosses, by each document's nearest neighbours among those sharing a rare name
  with it, so each block is clustered exactly as a small collection is (every pair compared).
  A block still too big (an archive whose documents share a few names forms one) is cut by
  `chunks` into pieces of similar documents, each linked exactly; then the clusters found are
  linked in turn, by `average_linkage` over their sums, so clusters a cut parted join again.
  Average linkage of unit vectors needs only each cluster's sum and size: the mean cosine
  similarity of two clusters is the dot product of their sums over the product of their sizes.
- Grouping is blocked by story (`grouping.group_blocked`): claims of two stories never share
  a quantity, so each story's claims are grouped on their own (`grouping.group_story`), and a
  block's groups depend on that block alone (the same claims give the same groups however many
  other stories there are); only the quantity ids are given over all blocks at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scipy.sparse import spmatrix

RARE_SHARE = 2000
"""A name used by at most this many documents tells a story apart (a place, a person, an
event's own name); commoner ones ("United States", "UN") are left out when looking for a
document's neighbours, which keeps that search linear (it never compares every pair)."""

NEIGHBOUR_CHUNK = 256
"""Documents whose neighbours are looked up at once: bounds the memory of one step."""


def story_blocks(x: spmatrix, neighbours: int) -> list[list[int]]:
    """Row indices of a TF-IDF matrix `x` (rows of unit length) in blocks that no story
    crosses: the connected parts of the graph linking each document to its `neighbours`
    nearest by the rare names they share (see RARE_SHARE); documents sharing no rare name
    with any other form one last block. Blocks come in order of their first row."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    m = x.tocsr()
    n = m.shape[0]
    share = np.bincount(m.indices, minlength=m.shape[1])
    rare = m[:, np.flatnonzero((share >= 2) & (share <= RARE_SHARE))].tocsr()
    rare_t = rare.T.tocsr()
    rows: list[Any] = []
    cols: list[Any] = []
    for start in range(0, n, NEIGHBOUR_CHUNK):
        sims = (rare[start : start + NEIGHBOUR_CHUNK] @ rare_t).tocsr()
        for i in range(sims.shape[0]):
            lo, hi = sims.indptr[i], sims.indptr[i + 1]
            found, weights = sims.indices[lo:hi], sims.data[lo:hi]
            keep = found != start + i
            found, weights = found[keep], weights[keep]
            if len(found) > neighbours:
                top = np.argpartition(-weights, neighbours)[:neighbours]
                found = found[top]
            rows.append(np.full(len(found), start + i))
            cols.append(found)
    if rows:
        r, c = np.concatenate(rows), np.concatenate(cols)
    else:
        r = c = np.array([], dtype=int)
    graph = coo_matrix((np.ones(len(r)), (r, c)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    linked = np.diff(graph.tocsr().indptr) + np.diff(graph.tocsc().indptr) > 0
    blocks: dict[int, list[int]] = {}
    alone: list[int] = []
    for i, label in enumerate(labels.tolist()):
        (blocks.setdefault(label, []) if linked[i] else alone).append(i)
    out = list(blocks.values()) + ([alone] if alone else [])
    return sorted(out, key=lambda b: b[0])


def chunks(z: Any, limit: int) -> list[Any]:
    """Row indices of `z` (unit vectors) in pieces of at most `limit` similar rows: cut in two
    by 2-means until every piece fits (rows 2-means cannot part are cut in order). Cost grows
    as rows times the depth, the logarithm of rows over `limit`."""
    import warnings

    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.exceptions import ConvergenceWarning

    out: list[Any] = []
    todo = [np.arange(z.shape[0])]
    while todo:
        rows = todo.pop()
        if len(rows) <= limit:
            out.append(rows)
            continue
        with warnings.catch_warnings():  # alike rows: one centre, handled below
            warnings.simplefilter("ignore", ConvergenceWarning)
            side = KMeans(2, n_init=1, random_state=0).fit_predict(z[rows])
        parts = [rows[side == 0], rows[side == 1]]
        if not len(parts[0]) or not len(parts[1]):  # alike rows: cut in order
            parts = [rows[: len(rows) // 2], rows[len(rows) // 2 :]]
        todo += parts
    return sorted(out, key=lambda rows: int(rows[0]))


def average_linkage(sums: Any, sizes: Any, threshold: float) -> list[int]:
    """Labels of clusters (rows of `sums`, each the sum of its members' unit vectors, with
    `sizes` members) joined by average linkage while their mean cosine distance is under
    `threshold`, as scikit-learn's average linkage joins their members; by the
    nearest-neighbour chain (time grows with the square of the rows, not the cube). A cluster
    whose nearest is at `threshold` or further is final: no merge brings another nearer."""
    import numpy as np

    m = sums.shape[0]
    n = np.asarray(sizes, dtype=float)
    dot = sums @ sums.T
    d = 1.0 - np.asarray(dot.toarray() if hasattr(dot, "toarray") else dot) / np.outer(n, n)
    np.fill_diagonal(d, np.inf)
    label = np.arange(m)
    active = np.ones(m, dtype=bool)
    chain: list[int] = []
    while True:
        if not chain:
            left = np.flatnonzero(active)
            if not len(left):
                break
            chain = [int(left[0])]
        a = chain[-1]
        b = int(np.argmin(d[a]))
        if d[a, b] >= threshold:  # a is final
            active[a] = False
            d[a, :] = d[:, a] = np.inf
            chain.pop()
            continue
        if len(chain) > 1 and d[a, chain[-2]] <= d[a, b]:
            b = chain[-2]
        if len(chain) > 1 and b == chain[-2]:  # nearest to each other: merge b into a
            merged = (n[a] * d[a] + n[b] * d[b]) / (n[a] + n[b])
            merged[a] = np.inf
            d[a, :] = d[:, a] = merged
            d[b, :] = d[:, b] = np.inf
            n[a] += n[b]
            active[b] = False
            label[label == b] = a
            del chain[-2:]
        else:
            chain.append(b)
    _, out = np.unique(label, return_inverse=True)
    return [int(v) for v in out]
