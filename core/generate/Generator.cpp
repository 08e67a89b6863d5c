#include "generate/Generator.h"

#include "Error.h"
#include "generate/Improviser.h"
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
    o.decoding = grammar::Decoding::notebook();
    o.openWithSixteenth = true;
    o.carryState = false;
    return o;
}

Solo generateSolo(const model::TrainedModel& m, const Progression& progression,
                  const GenerateOptions& options) {
    if (progression.bars.empty())
        throw Error("the progression has no bars");
    Improviser improviser(m, options);
    Solo solo;
    solo.progression = progression;
    for (size_t b = 0; b < progression.bars.size(); ++b)
        appendBar(solo, improviser.nextBar(progression, int(b),
                                           Improviser::barSeed(options.seed, int(b))));
    return solo;
}

void appendBar(Solo& solo, const ImprovisedBar& bar) {
    const double barStart = double(bar.bar) * solo.progression.beatsPerBar;
    for (SoloNote n : bar.notes) {
        n.start += barStart;
        solo.notes.push_back(n);
    }
    if (int(solo.bars.size()) <= bar.bar)
        solo.bars.resize(size_t(bar.bar) + 1);
    solo.bars[size_t(bar.bar)] = {bar.values, bar.seed, BarOrigin::Generated, false};
}

int Solo::barOf(const SoloNote& n) const {
    // Clamped before the conversion: a note far past the end (a hand-edited file) is just
    // outside, never undefined behaviour.
    const double bar = std::floor(n.start / progression.beatsPerBar + 1e-9);
    return int(std::clamp(bar, -1.0, 1e9));
}

std::vector<int> Solo::barsOf(const SoloNote& n) const {
    const int own = barOf(n);
    const int snapped = barOf({std::round(n.start * 12) / 12, 0, 0, 0});
    return snapped == own ? std::vector<int>{own} : std::vector<int>{own, snapped};
}

int Solo::notesInBar(int bar) const {
    return int(std::count_if(notes.begin(), notes.end(),
                             [&](const SoloNote& n) { return barOf(n) == bar; }));
}

std::vector<std::string> Solo::allValues() const {
    std::vector<std::string> out;
    for (const TakeBar& b : bars)
        out.insert(out.end(), b.values.begin(), b.values.end());
    return out;
}

void Solo::fitBars() {
    const size_t n = progression.bars.size();
    if (bars.size() > n)
        bars.resize(n);
    if (bars.size() == n)
        return;
    // Each bar encoded from its own notes (and any whose onset snaps into it): linear in the
    // notes however many bars a session holds.
    std::vector<std::vector<SoloNote>> own(n);
    for (const SoloNote& note : notes) {
        for (int b : barsOf(note))
            if (b >= 0 && b < int(n))
                own[size_t(b)].push_back(note);
    }
    while (bars.size() < n) {
        const int b = int(bars.size());
        bars.push_back({encodeBar(progression, own[size_t(b)], b), 0, BarOrigin::Unknown, false});
    }
}

void Solo::markEdited(const std::vector<int>& edited) {
    for (int b : edited)
        if (b >= 0 && b < int(bars.size()) && b < int(progression.bars.size())) {
            bars[size_t(b)].values = encodeBar(progression, notes, b);
            bars[size_t(b)].origin = BarOrigin::Edited;
        }
}

} // namespace jazz::generate
