// Training windows over a corpus of value indices, as the notebook's data_processing builds
// them: X[i][0] is the zero vector, X[i][t] the value at window position t; Y[t-1][i] is the
// value at position t, and Y[Tx-1][i] is empty (the notebook leaves it all zero, so the last
// step adds no loss).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace jazz::dataset {

struct Dataset {
    int m = 0;          // windows
    int tx = 0;         // steps per window
    int nValues = 0;    // vocabulary size
    std::vector<int> starts; // corpus index where each window starts
    // Corpus index of step t's target minus (start + t): 1 for the notebook's windows (X[0] is
    // the zero vector, the target at step t is the value at t + 1), 0 for stride windows.
    int targetOffset = 1;
    // Indices instead of one-hot rows; -1 marks the all-zero vector.
    std::vector<int> x; // m * tx, row-major [i][t]
    std::vector<int> y; // tx * m, row-major [t][i]
    // The chord-aware model's extra inputs (Conditions.h), empty for the notebook's model:
    // m * tx * nCond, [i][t][k], step t describing the value it predicts (the value at window
    // position t + 1: where it starts in the bar and the chord sounding there).
    int nCond = 0;
    std::vector<float> cond;

    int xAt(int i, int t) const { return x[size_t(i) * size_t(tx) + size_t(t)]; }
    int yAt(int t, int i) const { return y[size_t(t) * size_t(m) + size_t(i)]; }
    const float* condAt(int i, int t) const {
        return &cond[(size_t(i) * size_t(tx) + size_t(t)) * size_t(nCond)];
    }
    // Dense one-hot tensors in the notebook's layout: X (m, Tx, n), Y (Tx, m, n).
    std::vector<float> denseX() const;
    std::vector<float> denseY() const;
};

// m random windows, their starts drawn as numpy's legacy np.random.seed(seed) followed by
// np.random.choice(len(corpus) - tx) draws them (MT19937 with masked rejection), so seed 0
// picks the notebook's windows.
Dataset randomWindows(const std::vector<int>& corpus, int nValues, int m, int tx, uint32_t seed);
// Every window: starts 0 .. len(corpus) - tx - 1.
Dataset allWindows(const std::vector<int>& corpus, int nValues, int tx);
// The collection recipe's windows: each piece [first, first + count) of the corpus cut into
// consecutive windows of tx targets, so that every value is a target exactly once per epoch
// (overlapping stride-1 windows train each value tx times). Step t's target is the value at
// start + t, its input the value before it: the zero vector at a piece's start, so a piece
// never reads its neighbour. Steps past a piece's end have no input and no target.
Dataset strideWindows(const std::vector<int>& corpus,
                      const std::vector<std::pair<size_t, size_t>>& pieces, int nValues, int tx);
// Fills d.cond from per-value features (corpus length * width, the corpus the windows were
// cut from). Throws jazz::Error if the sizes disagree.
void attachConditions(Dataset& d, const std::vector<float>& perValue, int width);

} // namespace jazz::dataset
