#include "model/NGram.h"

#include "Error.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace jazz::model {

NGramModel::NGramModel(int order, int vocabularySize, double discount)
    : order_(order), vocabulary_(vocabularySize), start_(vocabularySize),
      fixedDiscount_(discount), levels_(size_t(order) + 1), discounts_(size_t(order) + 1, 0.75) {
    if (order < 1 || order > 8)
        throw Error("n-gram order must be 1 to 8, got " + std::to_string(order));
    if (vocabularySize < 1)
        throw Error("n-gram vocabulary is empty");
}

void NGramModel::train(const std::vector<std::vector<int>>& sequences) {
    const int n = order_;
    Level& top = levels_[size_t(n)];
    for (const auto& seq : sequences) {
        std::vector<int> padded(size_t(n - 1), start_);
        for (int v : seq) {
            if (v < 0 || v >= vocabulary_)
                throw Error("n-gram value " + std::to_string(v) + " outside the vocabulary");
            padded.push_back(v);
        }
        for (size_t end = size_t(n); end <= padded.size(); ++end)
            top.grams[std::vector<int>(padded.begin() + long(end) - n, padded.begin() + long(end))] += 1;
    }
    // Lower orders count how many different values precede each gram (Kneser-Ney's
    // continuation counts): a value that follows many contexts is a likely novel follower.
    for (int k = n - 1; k >= 1; --k) {
        Level& lower = levels_[size_t(k)];
        for (const auto& [gram, count] : levels_[size_t(k + 1)].grams)
            lower.grams[std::vector<int>(gram.begin() + 1, gram.end())] += 1;
    }
    for (int k = 1; k <= n; ++k) {
        Level& level = levels_[size_t(k)];
        double n1 = 0, n2 = 0;
        for (const auto& [gram, count] : level.grams) {
            const std::vector<int> context(gram.begin(), gram.end() - 1);
            level.totals[context] += count;
            level.types[context] += 1;
            n1 += count == 1;
            n2 += count == 2;
        }
        if (fixedDiscount_ > 0 && fixedDiscount_ < 1)
            discounts_[size_t(k)] = fixedDiscount_;
        else if (n1 > 0 && n2 > 0)
            discounts_[size_t(k)] = n1 / (n1 + 2 * n2);
        else
            discounts_[size_t(k)] = 0.75; // too few counts to estimate: the usual value
    }
}

double NGramModel::probabilityAt(int k, const std::vector<int>& context, size_t from,
                                 int value) const {
    if (k == 0)
        return 1.0 / vocabulary_;
    const double lower = probabilityAt(k - 1, context, from + 1, value);
    const Level& level = levels_[size_t(k)];
    std::vector<int> key(context.begin() + long(from), context.end());
    const auto total = level.totals.find(key);
    if (total == level.totals.end() || total->second <= 0)
        return lower; // an unseen context says nothing: back off entirely
    const double d = discounts_[size_t(k)];
    const double types = level.types.at(key);
    key.push_back(value);
    const auto gram = level.grams.find(key);
    const double count = gram == level.grams.end() ? 0 : gram->second;
    return std::max(count - d, 0.0) / total->second + d * types / total->second * lower;
}

double NGramModel::probability(const std::vector<int>& history, int value) const {
    const int want = order_ - 1;
    std::vector<int> context(size_t(want), start_);
    const int have = std::min<int>(want, int(history.size()));
    std::copy(history.end() - have, history.end(), context.end() - have);
    return probabilityAt(order_, context, 0, value);
}

double NGramModel::meanCrossEntropy(const std::vector<std::vector<int>>& sequences) const {
    double sum = 0;
    size_t count = 0;
    std::vector<int> history;
    for (const auto& seq : sequences) {
        history.clear();
        for (int v : seq) {
            sum -= std::log(probability(history, v));
            ++count;
            history.push_back(v);
            if (int(history.size()) > order_)
                history.erase(history.begin());
        }
    }
    return count > 0 ? sum / double(count) : 0;
}

} // namespace jazz::model
