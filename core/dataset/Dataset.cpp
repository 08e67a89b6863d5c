#include "dataset/Dataset.h"

#include "Error.h"

#include <algorithm>
#include <random>
#include <string>

namespace jazz::dataset {

namespace {

Dataset build(const std::vector<int>& corpus, int nValues, int tx, std::vector<int> starts) {
    Dataset d;
    d.m = int(starts.size());
    d.tx = tx;
    d.nValues = nValues;
    d.starts = std::move(starts);
    d.x.assign(size_t(d.m) * size_t(tx), -1);
    d.y.assign(size_t(tx) * size_t(d.m), -1);
    for (int i = 0; i < d.m; ++i) {
        for (int t = 1; t < tx; ++t) {
            const int v = corpus[size_t(d.starts[size_t(i)] + t)];
            d.x[size_t(i) * size_t(tx) + size_t(t)] = v;
            d.y[size_t(t - 1) * size_t(d.m) + size_t(i)] = v;
        }
    }
    return d;
}

void check(const std::vector<int>& corpus, int nValues, int tx) {
    if (tx < 2)
        throw Error("window length Tx must be at least 2, got " + std::to_string(tx));
    if (int(corpus.size()) <= tx)
        throw Error("corpus of " + std::to_string(corpus.size()) +
                    " values is too short for windows of " + std::to_string(tx) +
                    " (it needs more than Tx values)");
    for (int v : corpus)
        if (v < 0 || v >= nValues)
            throw Error("corpus value index " + std::to_string(v) + " outside the vocabulary of " +
                        std::to_string(nValues));
}

} // namespace

Dataset randomWindows(const std::vector<int>& corpus, int nValues, int m, int tx, uint32_t seed) {
    check(corpus, nValues, tx);
    if (m < 1)
        throw Error("number of windows must be positive, got " + std::to_string(m));
    // numpy's legacy RandomState(seed): init_genrand(seed), then randint(0, n) draws 32-bit
    // words masked to the next power of two minus one and rejects values above n - 1.
    std::mt19937 gen(seed);
    const uint32_t max = uint32_t(corpus.size()) - uint32_t(tx) - 1;
    uint32_t mask = max;
    for (int s = 1; s <= 16; s *= 2)
        mask |= mask >> s;
    std::vector<int> starts;
    for (int i = 0; i < m; ++i) {
        uint32_t r;
        do
            r = uint32_t(gen()) & mask;
        while (r > max);
        starts.push_back(int(r));
    }
    return build(corpus, nValues, tx, std::move(starts));
}

Dataset allWindows(const std::vector<int>& corpus, int nValues, int tx) {
    check(corpus, nValues, tx);
    std::vector<int> starts;
    for (int s = 0; s + tx < int(corpus.size()); ++s)
        starts.push_back(s);
    return build(corpus, nValues, tx, std::move(starts));
}

Dataset strideWindows(const std::vector<int>& corpus,
                      const std::vector<std::pair<size_t, size_t>>& pieces, int nValues, int tx) {
    if (tx < 1)
        throw Error("window length Tx must be at least 1, got " + std::to_string(tx));
    for (int v : corpus)
        if (v < 0 || v >= nValues)
            throw Error("corpus value index " + std::to_string(v) + " outside the vocabulary of " +
                        std::to_string(nValues));
    Dataset d;
    d.tx = tx;
    d.nValues = nValues;
    d.targetOffset = 0;
    for (const auto& [first, count] : pieces) {
        if (first + count > corpus.size())
            throw Error("a corpus piece runs past the corpus's end");
        for (size_t s = first; s < first + count; s += size_t(tx))
            d.starts.push_back(int(s));
    }
    d.m = int(d.starts.size());
    if (d.m == 0)
        throw Error("the corpus has no values to train on");
    d.x.assign(size_t(d.m) * size_t(tx), -1);
    d.y.assign(size_t(tx) * size_t(d.m), -1);
    size_t piece = 0;
    for (int i = 0; i < d.m; ++i) {
        const size_t s = size_t(d.starts[size_t(i)]);
        while (s >= pieces[piece].first + pieces[piece].second)
            ++piece;
        const size_t first = pieces[piece].first, end = first + pieces[piece].second;
        for (int t = 0; t < tx && s + size_t(t) < end; ++t) {
            const size_t at = s + size_t(t);
            d.x[size_t(i) * size_t(tx) + size_t(t)] = at > first ? corpus[at - 1] : -1;
            d.y[size_t(t) * size_t(d.m) + size_t(i)] = corpus[at];
        }
    }
    return d;
}

void attachConditions(Dataset& d, const std::vector<float>& perValue, int width) {
    if (width < 1 || perValue.size() % size_t(width) != 0)
        throw Error("step conditions of width " + std::to_string(width) + " do not divide " +
                    std::to_string(perValue.size()) + " floats");
    const size_t values = perValue.size() / size_t(width);
    d.nCond = width;
    d.cond.assign(size_t(d.m) * size_t(d.tx) * size_t(width), 0.f);
    for (int i = 0; i < d.m; ++i)
        for (int t = 0; t < d.tx; ++t) {
            const size_t v = size_t(d.starts[size_t(i)] + t + d.targetOffset);
            if (d.targetOffset == 0 && d.y[size_t(t) * size_t(d.m) + size_t(i)] < 0)
                continue; // past a piece's end: no target, nothing to describe
            if (v >= values)
                throw Error("step conditions cover " + std::to_string(values) +
                            " values, the windows need " + std::to_string(v + 1));
            std::copy_n(&perValue[v * size_t(width)], width,
                        &d.cond[(size_t(i) * size_t(d.tx) + size_t(t)) * size_t(width)]);
        }
}

std::vector<float> Dataset::denseX() const {
    std::vector<float> out(size_t(m) * size_t(tx) * size_t(nValues), 0.f);
    for (int i = 0; i < m; ++i)
        for (int t = 0; t < tx; ++t)
            if (const int v = xAt(i, t); v >= 0)
                out[(size_t(i) * size_t(tx) + size_t(t)) * size_t(nValues) + size_t(v)] = 1.f;
    return out;
}

std::vector<float> Dataset::denseY() const {
    std::vector<float> out(size_t(tx) * size_t(m) * size_t(nValues), 0.f);
    for (int t = 0; t < tx; ++t)
        for (int i = 0; i < m; ++i)
            if (const int v = yAt(t, i); v >= 0)
                out[(size_t(t) * size_t(m) + size_t(i)) * size_t(nValues) + size_t(v)] = 1.f;
    return out;
}

} // namespace jazz::dataset
