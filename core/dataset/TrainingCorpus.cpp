#include "dataset/TrainingCorpus.h"

#include "Error.h"
#include "corpus/TextCorpus.h"
#include "dataset/Conditions.h"
#include "grammar/Encoder.h"

#include <map>

namespace jazz::dataset {

namespace {

void addSheet(TrainingCorpus& c, const corpus::LeadSheet& sheet, const std::string& path) {
    addEncodedSheet(c, sheet, grammar::encode(sheet), path);
}

double commonestBar(const std::vector<CorpusPiece>& pieces) {
    std::map<double, size_t> values;
    for (const auto& p : pieces)
        values[p.beatsPerBar] += p.valueCount;
    double best = 4;
    size_t most = 0;
    for (const auto& [bar, n] : values)
        if (n > most) {
            most = n;
            best = bar;
        }
    return best;
}

} // namespace

void addEncodedSheet(TrainingCorpus& c, const corpus::LeadSheet& sheet,
                     const std::vector<std::vector<grammar::Value>>& encoded,
                     const std::string& path) {
    CorpusPiece piece{path, c.values.size(), 0, c.chords.size(), 0, sheet.beatsPerBar};
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
        std::vector<CorpusChord> chords;
        for (const auto& ch : sheet.measures[i].chords)
            chords.push_back({ch.offset - sheet.measures[i].start, ch.pitches});
        c.chords.push_back(chords);
        std::vector<CorpusNote> notes;
        for (const auto& e : sheet.measures[i].melody)
            if (e.kind == corpus::MelodyEvent::Note)
                notes.push_back({e.offset - sheet.measures[i].start, e.duration, e.pitches.front()});
        c.melody.push_back(notes);
    }
    if (added == 0) { // leave the corpus as it was
        c.values.resize(piece.firstValue);
        c.conditions.resize(piece.firstValue * kConditionWidth);
        c.chords.resize(piece.firstMeasure);
        c.melody.resize(piece.firstMeasure);
        throw Error(path + ": no melody values to learn from");
    }
    piece.valueCount = added;
    piece.measureCount = c.chords.size() - piece.firstMeasure;
    c.pieces.push_back(piece);
    c.beatsPerBar = commonestBar(c.pieces);
    if (c.sources.empty() || c.sources.back() != path)
        c.sources.push_back(path);
}

void finishCorpus(TrainingCorpus& c) {
    c.vocabulary = Vocabulary::fromCorpus(c.values);
    c.indices.clear();
    c.indices.reserve(c.values.size());
    for (const auto& v : c.values)
        c.indices.push_back(*c.vocabulary.index(v));
}

TrainingCorpus subsetCorpus(const TrainingCorpus& c, const std::vector<size_t>& which) {
    TrainingCorpus out;
    for (size_t k : which) {
        const CorpusPiece& p = c.pieces.at(k);
        CorpusPiece q = p;
        q.firstValue = out.values.size();
        q.firstMeasure = out.chords.size();
        out.values.insert(out.values.end(), c.values.begin() + long(p.firstValue),
                          c.values.begin() + long(p.firstValue + p.valueCount));
        out.conditions.insert(out.conditions.end(),
                              c.conditions.begin() + long(p.firstValue * kConditionWidth),
                              c.conditions.begin() +
                                  long((p.firstValue + p.valueCount) * kConditionWidth));
        out.chords.insert(out.chords.end(), c.chords.begin() + long(p.firstMeasure),
                          c.chords.begin() + long(p.firstMeasure + p.measureCount));
        out.melody.insert(out.melody.end(), c.melody.begin() + long(p.firstMeasure),
                          c.melody.begin() + long(p.firstMeasure + p.measureCount));
        out.pieces.push_back(q);
        if (out.sources.empty() || out.sources.back() != p.source)
            out.sources.push_back(p.source);
    }
    out.beatsPerBar = out.pieces.empty() ? c.beatsPerBar : commonestBar(out.pieces);
    finishCorpus(out);
    return out;
}

TrainingCorpus loadTrainingCorpus(const std::vector<std::string>& paths,
                                  const corpus::ImportOptions& options) {
    if (paths.empty())
        throw Error("no corpus files given");
    TrainingCorpus c;
    for (const std::string& path : paths)
        for (const auto& sheet : corpus::loadLeadSheets(path, options))
            addSheet(c, sheet, corpus::isTextCorpus(path) ? sheet.source : path);
    finishCorpus(c);
    return c;
}

TrainingCorpus trainingCorpus(const std::vector<corpus::LeadSheet>& sheets) {
    TrainingCorpus c;
    for (const auto& s : sheets)
        addSheet(c, s, s.source);
    finishCorpus(c);
    return c;
}

void appendCorpus(TrainingCorpus& into, const TrainingCorpus& more) {
    auto add = [](auto& a, const auto& b) { a.insert(a.end(), b.begin(), b.end()); };
    const size_t values = into.values.size(), measures = into.chords.size();
    for (CorpusPiece p : more.pieces) {
        p.firstValue += values;
        p.firstMeasure += measures;
        into.pieces.push_back(p);
    }
    add(into.sources, more.sources);
    add(into.values, more.values);
    add(into.chords, more.chords);
    add(into.melody, more.melody);
    add(into.conditions, more.conditions);
    into.beatsPerBar = into.pieces.empty() ? more.beatsPerBar : commonestBar(into.pieces);
    finishCorpus(into);
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
