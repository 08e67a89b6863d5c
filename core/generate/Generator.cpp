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
    solo.values.insert(solo.values.end(), bar.values.begin(), bar.values.end());
    solo.bars.push_back({bar.bar, int(bar.values.size()), int(bar.notes.size())});
}

} // namespace jazz::generate
