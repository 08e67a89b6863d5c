#include "dataset/TrainingCorpus.h"

#include "Error.h"
#include "grammar/Encoder.h"

namespace jazz::dataset {

TrainingCorpus loadTrainingCorpus(const std::vector<std::string>& paths,
                                  const corpus::ImportOptions& options) {
    if (paths.empty())
        throw Error("no corpus files given");
    TrainingCorpus c;
    for (const std::string& path : paths) {
        const corpus::LeadSheet sheet = corpus::importLeadSheet(path, options);
        const auto encoded = grammar::encode(sheet);
        size_t added = 0;
        for (size_t i = 0; i < encoded.size(); ++i) {
            for (const auto& v : encoded[i]) {
                c.values.push_back(v.toString());
                ++added;
            }
            std::vector<model::CorpusChord> chords;
            for (const auto& ch : sheet.measures[i].chords)
                chords.push_back({ch.offset - sheet.measures[i].start, ch.pitches});
            c.chords.push_back(chords);
        }
        if (added == 0)
            throw Error(path + ": no melody values to learn from");
        c.beatsPerBar = sheet.beatsPerBar;
        c.sources.push_back(path);
    }
    c.vocabulary = Vocabulary::fromCorpus(c.values);
    for (const auto& v : c.values)
        c.indices.push_back(*c.vocabulary.index(v));
    return c;
}

} // namespace jazz::dataset
