#include "dataset/Vocabulary.h"

#include <algorithm>

namespace jazz::dataset {

Vocabulary Vocabulary::fromCorpus(const std::vector<std::string>& corpus) {
    return fromValues(corpus);
}

Vocabulary Vocabulary::fromValues(std::vector<std::string> values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    Vocabulary v;
    v.values_ = std::move(values);
    for (size_t i = 0; i < v.values_.size(); ++i)
        v.index_[v.values_[i]] = int(i);
    return v;
}

Vocabulary Vocabulary::withUnknown(const std::vector<std::string>& corpus, int minCount) {
    std::map<std::string, int> counts;
    for (const auto& v : corpus)
        ++counts[v];
    std::vector<std::string> kept{unknownToken()};
    for (const auto& [v, n] : counts)
        if (n >= minCount)
            kept.push_back(v);
    return fromValues(std::move(kept));
}

const std::string& Vocabulary::unknownToken() {
    static const std::string token = "<unk>";
    return token;
}

std::optional<int> Vocabulary::indexOrUnknown(const std::string& value) const {
    if (auto i = index(value))
        return i;
    return unknownIndex();
}

std::optional<int> Vocabulary::index(const std::string& value) const {
    auto it = index_.find(value);
    if (it == index_.end())
        return std::nullopt;
    return it->second;
}

} // namespace jazz::dataset
