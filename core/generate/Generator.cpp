#include "generate/Generator.h"

#include "Error.h"
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

Solo generateSolo(const model::TrainedModel& m, const Progression& progression,
                  const GenerateOptions& options) {
    if (progression.bars.empty())
        throw Error("the progression has no bars");
    std::mt19937 rng(options.seed);
    Sampler sampler(m.model, options.sampling, rng);
    Solo solo;
    solo.progression = progression;
    const double barLength = progression.beatsPerBar;
    std::vector<grammar::TimedChord> held;
    for (size_t b = 0; b < progression.bars.size(); ++b) {
        std::vector<grammar::TimedChord> chords;
        for (const BarChord& c : progression.bars[b])
            chords.push_back({c.offset, theory::Chord::fromMidi(c.pitches)});
        if (chords.empty() && !held.empty()) // N.C. or an empty bar: the last chord rings on
            chords = {{0, held.back().chord}};
        if (!chords.empty())
            held = chords;

        // The notebook starts every bar from C,0.25 and a fresh (zero) state.
        std::vector<grammar::Value> values = {*grammar::Value::parse("C,0.25")};
        solo.values.push_back(values.front().toString());
        double filled = values.front().duration;
        sampler.reset();
        while (filled < barLength && int(values.size()) < options.maxValuesPerBar) {
            const std::string& text = m.vocabulary.value(sampler.next());
            auto v = grammar::Value::parse(text);
            if (!v)
                throw Error("model vocabulary holds a bad value '" + text + "'");
            filled += v->duration;
            values.push_back(*v);
            solo.values.push_back(text);
        }
        const auto notes = grammar::realizeMeasure(values, chords, rng);
        BarReport report{int(b), int(values.size()), 0};
        const double barStart = double(b) * barLength;
        for (const grammar::DecodedNote& n : notes) {
            if (n.offset >= barLength - 1e-9)
                break; // past the bar: the sampled values overflowed it
            SoloNote s;
            s.start = barStart + n.offset;
            s.duration = std::min(n.duration, barLength - n.offset);
            s.pitch = std::clamp(n.pitch, 0, 127);
            // A little phrasing: beats louder than offbeats.
            const double beatPos = n.offset - std::floor(n.offset);
            s.velocity = beatPos < 1e-6 ? 100 : 84;
            solo.notes.push_back(s);
            ++report.notes;
        }
        solo.bars.push_back(report);
    }
    return solo;
}

} // namespace jazz::generate
