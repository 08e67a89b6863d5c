// The baseline an LSTM has to beat: an interpolated Kneser-Ney n-gram (Chen & Goodman 1998)
// over the same value indices. If the LSTM's validation loss is not clearly below this one's,
// it has learnt no more than counting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace jazz::model {

class NGramModel {
public:
    // `order` values of context and prediction together (3: two values of history). Each
    // order's absolute discount is estimated from its counts of counts, D = n1 / (n1 + 2 n2)
    // (Ney, Essen and Kneser 1994), unless `discount` in (0, 1) fixes it for every order.
    NGramModel(int order, int vocabularySize, double discount = 0);

    // Counts every sequence (one piece each), its start padded with order - 1 start marks.
    void train(const std::vector<std::vector<int>>& sequences);

    // P(value | the history's last order - 1 values); history may be shorter (a piece's
    // start), and is padded with start marks. Every value of the vocabulary gets a share:
    // the lowest order is interpolated with the uniform distribution.
    double probability(const std::vector<int>& history, int value) const;

    // Mean cross-entropy per value (nats) over sequences, each predicted from its start.
    double meanCrossEntropy(const std::vector<std::vector<int>>& sequences) const;

    int order() const { return order_; }
    double discount(int k) const { return discounts_.at(size_t(k)); } // k = 1 .. order

private:
    struct KeyHash {
        size_t operator()(const std::vector<int>& k) const {
            uint64_t h = 1469598103934665603ull;
            for (int v : k)
                h = (h ^ uint64_t(uint32_t(v))) * 1099511628211ull;
            return size_t(h);
        }
    };
    using Counts = std::unordered_map<std::vector<int>, double, KeyHash>;
    struct Level {
        Counts grams;    // raw counts at the top order, continuation counts below
        Counts totals;   // per context: the sum of its grams' counts
        Counts types;    // per context: how many different values follow it
    };
    double probabilityAt(int k, const std::vector<int>& context, size_t from, int value) const;

    int order_;
    int vocabulary_;
    int start_; // the start mark: an index outside the vocabulary
    double fixedDiscount_;
    std::vector<Level> levels_;       // [k], k = 1 .. order (0 unused)
    std::vector<double> discounts_;   // [k]
};

} // namespace jazz::model
