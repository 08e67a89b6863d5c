#include "theory/Scale.h"

#include "theory/Interval.h"

#include <algorithm>
#include <set>

namespace jazz::theory {

namespace {

std::vector<Interval> steps(ScaleKind kind, bool blueNote) {
    auto I = [](const char* n) { return *Interval::parse(n); };
    switch (kind) {
    case ScaleKind::Major:
        return {I("M2"), I("M2"), I("m2"), I("M2"), I("M2"), I("M2"), I("m2")};
    case ScaleKind::Dorian:
        return {I("M2"), I("m2"), I("M2"), I("M2"), I("M2"), I("m2"), I("M2")};
    case ScaleKind::HexatonicBlues:
        if (blueNote)
            return {I("m3"), I("M2"), I("A1"), I("m2"), I("m3"), I("M2")};
        return {I("m3"), I("M2"), I("M2"), I("m3"), I("M2")};
    }
    return {};
}

// music21's candidate tonics in its search order; after its stable sort and reversal, a tie
// goes to the later candidate with the higher pitch.
std::vector<Pitch> candidates() {
    std::vector<Pitch> c;
    for (const char* n : {"C", "C#", "D-", "D", "D#", "E-", "E", "F", "F#", "G", "G#", "A", "B-",
                          "B", "C-"})
        c.push_back(*Pitch::parse(n));
    return c;
}

} // namespace

Scale Scale::fromTonic(ScaleKind kind, const Pitch& tonic, bool includeBlueNote) {
    Scale s;
    s.tonic_ = tonic;
    Pitch p = tonic;
    s.pitches_.push_back(p);
    for (const Interval& i : steps(kind, includeBlueNote)) {
        p = i.transpose(p);
        if (std::abs(p.alter()) > 1) // music21's maxAccidental=1 simplification per step
            p = Pitch::fromMidi(p.midi());
        s.pitches_.push_back(p);
    }
    return s;
}

Scale Scale::derive(ScaleKind kind, const Chord& chord, bool includeBlueNote) {
    std::set<int> targets;
    for (const Pitch& p : chord.pitches())
        targets.insert(p.pitchClass());
    int bestCount = -1;
    int bestMidi = -1000;
    Pitch best;
    for (const Pitch& tonic : candidates()) {
        const Scale s = fromTonic(kind, tonic, includeBlueNote);
        std::set<int> pcs;
        for (const Pitch& p : s.pitches_)
            pcs.insert(p.pitchClass());
        int count = 0;
        for (int t : targets)
            count += pcs.count(t) ? 1 : 0;
        // (count, pitch) descending; equal pitches: the later candidate wins (music21's sort of
        // equal keys is stable, then reversed).
        const int m = tonic.midi();
        if (count > bestCount || (count == bestCount && m >= bestMidi)) {
            bestCount = count;
            bestMidi = m;
            best = tonic;
        }
    }
    return fromTonic(kind, best, includeBlueNote);
}

bool Scale::hasName(const std::string& name) const {
    return std::any_of(pitches_.begin(), pitches_.end(),
                       [&](const Pitch& p) { return p.name() == name; });
}

Scale scaleForChord(const Chord& chord) {
    return Scale::derive(chord.quality() == "major" ? ScaleKind::Major : ScaleKind::Dorian, chord);
}

} // namespace jazz::theory
