"""Grouping question texts by how alike they are written, for the confusion clusters.

The texts (most asked first) are turned into character n-gram TF-IDF vectors (char_wb n-grams
survive typos and slang: "syarat", "syrat", "syaratnya"). Each round groups up to SAMPLE_SIZE
texts by average-linkage agglomerative clustering on cosine distance, which needs no preset number
of clusters; the other texts join the nearest group when close enough, and the rest go to the next
round. Nothing is random, so the same texts always give the same groups.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_distances

SAMPLE_SIZE = 2_000  # texts per agglomerative round: its distance matrix is SAMPLE_SIZE² floats
MAX_ROUNDS = 6
DISTANCE_THRESHOLD = 0.75  # average cosine distance under which two groups merge (tuned on sample data)
JOIN_SIMILARITY = 0.35  # cosine similarity to a group's centroid for a text outside the sample to join
ASSIGN_CHUNK = 4_000  # rows per similarity block, to bound memory
NGRAMS = (3, 5)


def _agglomerate(vectors: sparse.csr_matrix) -> np.ndarray:
    if vectors.shape[0] == 1:
        return np.zeros(1, dtype=int)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=DISTANCE_THRESHOLD
    )
    return model.fit_predict(cosine_distances(vectors))


def _centroids(vectors: sparse.csr_matrix, labels: np.ndarray) -> sparse.csr_matrix:
    """Unit-length mean vector of each label, row i for label i."""
    count = int(labels.max()) + 1
    membership = sparse.csr_matrix((np.ones(labels.size), (labels, np.arange(labels.size))), shape=(count, labels.size))
    means = membership @ vectors
    norms = np.sqrt(means.multiply(means).sum(axis=1)).A1
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ means


def _nearest(vectors: sparse.csr_matrix, centroids: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    best, similarity = np.zeros(vectors.shape[0], dtype=int), np.zeros(vectors.shape[0])
    for start in range(0, vectors.shape[0], ASSIGN_CHUNK):
        block = (vectors[start : start + ASSIGN_CHUNK] @ centroids.T).toarray()
        best[start : start + block.shape[0]] = block.argmax(axis=1)
        similarity[start : start + block.shape[0]] = block.max(axis=1)
    return best, similarity


def group_texts(texts: Sequence[str]) -> np.ndarray:
    """A group label per text (texts ordered most asked first; the first ones seed each round)."""
    labels = np.full(len(texts), -1, dtype=int)
    if not texts:
        return labels
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True, dtype=np.float64)
    matrix = vectors.fit_transform(texts).tocsr()
    remaining, next_label = np.arange(len(texts)), 0
    for _ in range(MAX_ROUNDS):
        if remaining.size == 0:
            break
        sample, others = remaining[:SAMPLE_SIZE], remaining[SAMPLE_SIZE:]
        sample_labels = _agglomerate(matrix[sample])
        labels[sample] = sample_labels + next_label
        if others.size:
            best, similarity = _nearest(matrix[others], _centroids(matrix[sample], sample_labels))
            joins = similarity >= JOIN_SIMILARITY
            labels[others[joins]] = best[joins] + next_label
            others = others[~joins]
        next_label += int(sample_labels.max()) + 1
        remaining = others
    labels[remaining] = np.arange(next_label, next_label + remaining.size)
    return labels
