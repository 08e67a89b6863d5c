#include "dataset/TrainingCorpus.h"

#include "Error.h"
#include "corpus/TextCorpus.h"
#include "dataset/Conditions.h"
#include "grammar/Encoder.h"

namespace jazz::dataset {

namespace {

void addSheet(TrainingCorpus& c, const corpus::LeadSheet& sheet, const std::string& path) {
    const auto encoded = grammar::encode(sheet);
    size_t added = 0;
    std::vector<int> held; // the last chord so far: it rings on through chordless bars
    for (size_t i = 0; i < encoded.size(); ++i) {
        std::vector<BarChordRef> barChords;
        for (const auto& ch : sheet.measures[i].chords)
            barChords.push_back({ch.offset - sheet.measures[i].start, &ch.pitches});
        // Values follow each other from the bar's start (the grammar has no offsets): a
        // value's onset is the sum of the durations before it, as the generator counts it.
        double position = 0;
        for (const auto& v : encoded[i]) {
            c.values.push_back(v.toString());
            const std::vector<int>* chord = chordAt(barChords, position, &held);
            const size_t row = c.conditions.size();
            c.conditions.resize(row + kConditionWidth);
            conditionFeatures(chord ? *chord : std::vector<int>{}, position, &c.conditions[row]);
            position += v.duration;
            ++added;
        }
        if (!barChords.empty())
            held = *barChords.back().pitches;
        std::vector<model::CorpusChord> chords;
        for (const auto& ch : sheet.measures[i].chords)
            chords.push_back({ch.offset - sheet.measures[i].start, ch.pitches});
        c.chords.push_back(chords);
        std::vector<model::CorpusNote> notes;
        for (const auto& e : sheet.measures[i].melody)
            if (e.kind == corpus::MelodyEvent::Note)
                notes.push_back({e.offset - sheet.measures[i].start, e.duration, e.pitches.front()});
        c.melody.push_back(notes);
    }
    if (added == 0)
        throw Error(path + ": no melody values to learn from");
    c.beatsPerBar = sheet.beatsPerBar;
    c.sources.push_back(path);
}

void finish(TrainingCorpus& c) {
    c.vocabulary = Vocabulary::fromCorpus(c.values);
    c.indices.clear();
    for (const auto& v : c.values)
        c.indices.push_back(*c.vocabulary.index(v));
}

} // namespace

TrainingCorpus loadTrainingCorpus(const std::vector<std::string>& paths,
                                  const corpus::ImportOptions& options) {
    if (paths.empty())
        throw Error("no corpus files given");
    TrainingCorpus c;
    for (const std::string& path : paths)
        for (const auto& sheet : corpus::loadLeadSheets(path, options))
            addSheet(c, sheet, corpus::isTextCorpus(path) ? sheet.source : path);
    finish(c);
    return c;
}

TrainingCorpus trainingCorpus(const std::vector<corpus::LeadSheet>& sheets) {
    TrainingCorpus c;
    for (const auto& s : sheets)
        addSheet(c, s, s.source);
    finish(c);
    return c;
}

void appendCorpus(TrainingCorpus& into, const TrainingCorpus& more) {
    auto add = [](auto& a, const auto& b) { a.insert(a.end(), b.begin(), b.end()); };
    add(into.sources, more.sources);
    add(into.values, more.values);
    add(into.chords, more.chords);
    add(into.melody, more.melody);
    add(into.conditions, more.conditions);
    into.beatsPerBar = more.beatsPerBar;
    finish(into);
}

TrainingSetup prepareTraining(const TrainingCorpus& corpus, const model::TrainOptions& o,
                              const ModelShape& shape) {
    TrainingSetup s;
    model::TrainedModel& t = s.model;
    t.vocabulary = corpus.vocabulary;
    t.sources = corpus.sources;
    t.corpusChords = corpus.chords;
    t.corpusMelody = corpus.melody;
    t.beatsPerBar = corpus.beatsPerBar;
    t.options = o;
    const int n = corpus.vocabulary.size();
    s.data = shape.windows > 0 ? randomWindows(corpus.indices, n, shape.windows, shape.tx, o.seed)
                               : allWindows(corpus.indices, n, shape.tx);
    if (shape.chordAware)
        attachConditions(s.data, corpus.conditions, kConditionWidth);
    t.windows = s.data.m;
    t.model = model::LstmModel::initialized(
        {n, shape.hidden, shape.tx, shape.chordAware ? kConditionWidth : 0}, o.seed);
    return s;
}

TrainingCorpus bundledTrainingCorpus(bool allKeys) {
    std::vector<corpus::LeadSheet> sheets;
    for (const corpus::Tune& t : corpus::bundledCorpus()) {
        if (!allKeys) {
            sheets.push_back(t.sheet);
            continue;
        }
        for (int k = -5; k <= 6; ++k) // the tritone either way: every key, in a sax's range
            sheets.push_back(corpus::transposed(t, k).sheet);
    }
    if (sheets.empty())
        throw Error("the bundled corpus is missing from this build");
    return trainingCorpus(sheets);
}

} // namespace jazz::dataset
