#include "theory/Chord.h"

#include "theory/Interval.h"

#include <algorithm>

namespace jazz::theory {

namespace {
int mod(int a, int b) { return ((a % b) + b) % b; }
int letterStep(const Pitch& root, const Pitch& p) { return mod(p.diatonic() - root.diatonic(), 7) + 1; }
} // namespace

Chord Chord::fromMidi(const std::vector<int>& midiPitches) {
    std::vector<Pitch> ps;
    for (int m : midiPitches)
        ps.push_back(Pitch::fromMidi(m));
    return Chord(std::move(ps));
}

const Pitch* Chord::chordStep(const Pitch& root, int step) const {
    for (const Pitch& p : pitches_)
        if (letterStep(root, p) == step)
            return &p;
    return nullptr;
}

Pitch Chord::root() const {
    if (pitches_.empty())
        return Pitch();
    std::vector<Pitch> firstOfLetter;
    bool seen[7] = {};
    for (const Pitch& p : pitches_)
        if (!seen[p.step()]) {
            seen[p.step()] = true;
            firstOfLetter.push_back(p);
        }
    if (firstOfLetter.size() == 1)
        return pitches_.front();
    static constexpr int kSteps[6] = {3, 5, 7, 2, 4, 6};
    const size_t needed = std::min<size_t>(6, firstOfLetter.size() - 1);
    for (const Pitch& r : firstOfLetter) {
        bool all = true;
        for (size_t k = 0; k < needed && all; ++k)
            all = chordStep(r, kSteps[k]) != nullptr;
        if (all)
            return r;
    }
    double best = -1;
    Pitch bestRoot = firstOfLetter.front();
    for (const Pitch& r : firstOfLetter) {
        double score = 0;
        for (int k = 0; k < 6; ++k)
            if (chordStep(r, kSteps[k]))
                score += 1.0 / (k + 6);
        if (score > best) {
            best = score;
            bestRoot = r;
        }
    }
    return bestRoot;
}

int Chord::semitonesFromChordStep(const Pitch& root, int step, bool* found) const {
    const Pitch* p = chordStep(root, step);
    *found = p != nullptr;
    return p ? mod(Interval::between(root, *p).semitones(), 12) : 0;
}

bool Chord::hasRepeatedChordStep(const Pitch& root, int step) const {
    bool found = false;
    const int first = semitonesFromChordStep(root, step, &found);
    if (!found)
        return false;
    for (const Pitch& p : pitches_)
        if (letterStep(root, p) == step && mod(Interval::between(root, p).semitones(), 12) != first)
            return true;
    return false;
}

std::string Chord::quality() const {
    if (pitches_.empty())
        return "other";
    const Pitch r = root();
    bool hasThird = false, hasFifth = false;
    const int third = semitonesFromChordStep(r, 3, &hasThird);
    const int fifth = semitonesFromChordStep(r, 5, &hasFifth);
    if (!hasThird || hasRepeatedChordStep(r, 1) || hasRepeatedChordStep(r, 3))
        return "other";
    if (!hasFifth)
        return third == 4 ? "major" : third == 3 ? "minor" : "other";
    if (hasRepeatedChordStep(r, 5))
        return "other";
    if (fifth == 7)
        return third == 4 ? "major" : third == 3 ? "minor" : "other";
    if (fifth == 6 && third == 3)
        return "diminished";
    if (fifth == 8 && third == 4)
        return "augmented";
    return "other";
}

bool Chord::hasName(const std::string& name) const {
    return std::any_of(pitches_.begin(), pitches_.end(),
                       [&](const Pitch& p) { return p.name() == name; });
}

std::vector<Pitch> Chord::sortedAscending() const {
    std::vector<Pitch> out = pitches_;
    std::stable_sort(out.begin(), out.end(), [](const Pitch& a, const Pitch& b) {
        return a.diatonic() != b.diatonic() ? a.diatonic() < b.diatonic() : a.midi() < b.midi();
    });
    return out;
}

} // namespace jazz::theory
