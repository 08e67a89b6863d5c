// The set of grammar values a model knows, in a fixed (sorted) order so that index i means the
// same value wherever the vocabulary is saved and loaded.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jazz::dataset {

class Vocabulary {
public:
    Vocabulary() = default;
    // Unique values of the corpus, sorted bytewise (the notebook used Python's set order,
    // which changes from run to run; a sorted order makes saved models reproducible).
    static Vocabulary fromCorpus(const std::vector<std::string>& corpus);
    static Vocabulary fromValues(std::vector<std::string> values); // sorts and deduplicates
    // The collection recipe's vocabulary: values seen at least minCount times, plus the
    // unknown-value token that stands for the rest (and for values unseen in training).
    static Vocabulary withUnknown(const std::vector<std::string>& corpus, int minCount);
    // "<unk>": never a grammar value, so it cannot clash with one; generation never picks it.
    static const std::string& unknownToken();

    // The index of `value`, or of the unknown token when the vocabulary has one.
    std::optional<int> indexOrUnknown(const std::string& value) const;
    std::optional<int> unknownIndex() const { return index(unknownToken()); }

    int size() const { return int(values_.size()); }
    const std::string& value(int index) const { return values_.at(size_t(index)); }
    std::optional<int> index(const std::string& value) const;
    const std::vector<std::string>& values() const { return values_; }

private:
    std::vector<std::string> values_;
    std::map<std::string, int> index_;
};

} // namespace jazz::dataset
