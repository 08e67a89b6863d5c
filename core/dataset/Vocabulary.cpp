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

std::optional<int> Vocabulary::index(const std::string& value) const {
    auto it = index_.find(value);
    if (it == index_.end())
        return std::nullopt;
    return it->second;
}

} // namespace jazz::dataset
