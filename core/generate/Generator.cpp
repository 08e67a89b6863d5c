#include "generate/Generator.h"

#include "Error.h"
#include "dataset/Conditions.h"
#include "grammar/Decoder.h"
#include "theory/ChordSymbol.h"

#include <algorithm>
#include <cmath>

namespace jazz::generate {

Progression corpusProgression(const model::TrainedModel& m) {
    Progression p;
    p.beatsPerBar = m.beatsPerBar;
    for (const auto& measure : m.corpusChords) {
        std::vector<BarChord> bar;
        for (const auto& c : measure)
            bar.push_back({c.offset, c.pitches, theory::ChordSymbol::identify(c.pitches).toString()});
        p.bars.push_back(bar);
    }
    if (p.bars.empty())
        throw Error("the model holds no corpus chords");
    return p;
}

GenerateOptions notebookGeneration() {
    GenerateOptions o;
    o.decoding = grammar::notebookDecoding();
    o.openWithSixteenth = true;
    o.carryState = false;
    return o;
}

Solo generateSolo(const model::TrainedModel& m, const Progression& progression,
                  const GenerateOptions& options) {
    if (progression.bars.empty())
        throw Error("the progression has no bars");
    std::mt19937 rng(options.seed);
    Sampler sampler(m.model, options.sampling, rng);
    if (const auto unknown = m.vocabulary.unknownIndex())
        sampler.exclude(*unknown);
    Solo solo;
    solo.progression = progression;
    const double barLength = progression.beatsPerBar;
    std::vector<grammar::TimedChord> held;
    std::vector<int> heldPitches; // the last chord's pitches, for the chord-aware model
    grammar::DecodeStyle decoding = options.decoding;
    if (decoding.center >= 0) { // lean towards the corpus's register when the model knows it
        // The median pitch; over a big collection, of an even sample of at most 4096 notes
        // (every note of a small corpus), so that a take costs the same whatever the corpus.
        size_t total = 0;
        for (const auto& measure : m.corpusMelody)
            total += measure.size();
        const size_t stride = std::max<size_t>(1, (total + 4095) / 4096);
        std::vector<int> pitches;
        size_t k = 0;
        for (const auto& measure : m.corpusMelody)
            for (const auto& n : measure)
                if (k++ % stride == 0)
                    pitches.push_back(n.pitch);
        if (!pitches.empty()) {
            std::nth_element(pitches.begin(), pitches.begin() + long(pitches.size() / 2),
                             pitches.end());
            decoding.center = pitches[pitches.size() / 2];
        }
    }
    for (size_t b = 0; b < progression.bars.size(); ++b) {
        std::vector<grammar::TimedChord> chords;
        for (const BarChord& c : progression.bars[b])
            chords.push_back({c.offset, theory::Chord::fromMidi(c.pitches)});
        if (chords.empty() && !held.empty()) // N.C. or an empty bar: the last chord rings on
            chords = {{0, held.back().chord}};
        if (!chords.empty())
            held = chords;
        if (!progression.bars[b].empty())
            heldPitches = progression.bars[b].back().pitches;

        // The notebook starts every bar from C,0.25 (openWithSixteenth) and a fresh (zero) state.
        std::vector<grammar::Value> values;
        if (options.openWithSixteenth) {
            values.push_back(*grammar::Value::parse("C,0.25"));
            solo.values.push_back(values.front().toString());
        }
        double filled = values.empty() ? 0.0 : values.front().duration;
        if (!options.carryState || b == 0)
            sampler.reset();
        std::vector<dataset::BarChordRef> barChords;
        for (const BarChord& c : progression.bars[b])
            barChords.push_back({c.offset, &c.pitches});
        std::vector<float> conditions(dataset::kConditionWidth);
        while (filled < barLength && int(values.size()) < options.maxValuesPerBar) {
            if (m.model.config.nCond > 0) {
                // Where the next value will start, and the chord sounding there.
                const std::vector<int>* chord = dataset::chordAt(barChords, filled, &heldPitches);
                dataset::conditionFeatures(chord ? *chord : std::vector<int>{}, filled,
                                           conditions.data());
            }
            const std::string& text = m.vocabulary.value(sampler.next(conditions.data()));
            auto v = grammar::Value::parse(text);
            if (!v)
                throw Error("model vocabulary holds a bad value '" + text + "'");
            filled += v->duration;
            values.push_back(*v);
            solo.values.push_back(text);
        }
        const int lastPitch = solo.notes.empty() ? -1 : solo.notes.back().pitch;
        const auto notes = grammar::realizeMeasure(values, chords, rng, decoding, lastPitch);
        BarReport report{int(b), int(values.size()), 0};
        const double barStart = double(b) * barLength;
        for (const grammar::DecodedNote& n : notes) {
            if (n.offset >= barLength - 1e-9)
                break; // past the bar: the sampled values overflowed it
            SoloNote s;
            s.start = barStart + n.offset;
            s.duration = std::min(n.duration, barLength - n.offset);
            s.pitch = std::clamp(n.pitch, 0, 127);
            // Written mezzo-forte: dynamics are the performance stage's (perform/Performance.h).
            s.velocity = 90;
            solo.notes.push_back(s);
            ++report.notes;
        }
        solo.bars.push_back(report);
    }
    return solo;
}

} // namespace jazz::generate
