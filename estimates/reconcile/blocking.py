"""Reconciling at scale: what keeps the cost of finding stories and grouping claims growing
with the claims, not with their square.

- Stories over many documents (stories.py): `story_blocks` splits the documents into blocks
  that no story crosses, by each document's nearest neighbours among those sharing a rare name
  with it, so each block is clustered exactly as a small collection is (every pair compared);
  a block still too big is linked through nearest neighbours, and `connect` joins the islands
  that graph leaves (a wire story printed by twenty outlets is a clique of near-copies whose
  neighbours are each other) with a few edges between nearby islands, where scikit-learn
  would compare every pair of islands.
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


BRIDGES = 3
"""Nearest islands each island of the neighbour graph is joined to per round: enough that
islands of one event meet (each round at least halves their number), few enough to cost
nothing next to the neighbour search."""


def connect(graph: spmatrix, z: Any) -> spmatrix:
    """`graph` (a neighbour graph over the rows of `z`, unit vectors) made connected: in rounds,
    each connected component is joined to the BRIDGES components whose centroids are nearest,
    by an edge between the member of each nearest to the other's centroid. Average linkage
    still decides whether they merge; the edges only let it look."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from sklearn.neighbors import NearestNeighbors

    n = z.shape[0]
    out = graph.tocsr()
    while True:
        count, labels = connected_components(out, directed=False)
        if count <= 1:
            return out
        centroids = np.zeros((count, z.shape[1]))
        np.add.at(centroids, labels, z)
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
        k = min(BRIDGES + 1, count)
        _, nearest = NearestNeighbors(n_neighbors=k).fit(centroids).kneighbors(centroids)
        order = np.argsort(labels, kind="stable")
        starts = np.searchsorted(labels[order], np.arange(count + 1))
        members = [order[starts[c] : starts[c + 1]] for c in range(count)]

        rows: list[int] = []
        cols: list[int] = []
        for c in range(count):
            for d in nearest[c]:
                if d != c:
                    a = _closest(z, members[c], centroids[int(d)])
                    b = _closest(z, members[int(d)], centroids[c])
                    rows += [a, b]
                    cols += [b, a]
        extra = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        out = (out + extra).tocsr()
        out.data[:] = 1.0


def _closest(z: Any, members: Any, centroid: Any) -> int:
    """The member (a row of `z`) nearest to a component's centroid."""
    import numpy as np

    return int(members[np.argmax(z[members] @ centroid)])
