#include "generate/KeySpelling.h"

#include "generate/Progression.h"
#include "theory/ChordSymbol.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>

namespace jazz::generate {

namespace {

int mod(int a, int m) {
    return ((a % m) + m) % m;
}

// Place on the circle of fifths: C 0, G 1, F -1, Bb -2, F# 6, Gb -6.
int fifths(const theory::Pitch& p) {
    static const std::array<int, 7> base = {0, 2, 4, -1, 1, 3, 5};
    return base[size_t(p.step())] + 7 * p.alter();
}

// Accidentals in the key signature of this tonic (negative: flats).
int signature(const theory::Pitch& tonic, bool minor) {
    return fifths(tonic) - (minor ? 3 : 0);
}

std::string printName(const theory::Pitch& p) {
    std::string s;
    s.push_back(theory::stepLetter(p.step()));
    for (int i = 0; i < std::abs(p.alter()); ++i)
        s.push_back(p.alter() > 0 ? '#' : 'b');
    return s;
}

// The spelling of a pitch class on a given letter, or none when it needs a double accidental.
bool onLetter(int pc, int step, theory::Pitch* out) {
    int alter = mod(pc - theory::stepPitchClass(step) + 6, 12) - 6;
    if (std::abs(alter) > 1)
        return false;
    *out = theory::Pitch(step, alter, 4);
    return true;
}

} // namespace

KeyTransposition::KeyTransposition(const Progression& source, int semitones)
    : semitones_(mod(semitones, 12)) {
    // The tonic: the root that sounds longest (the blues' I7, the ii-V-I's I), its spelling
    // as written; minor when most of its chords are.
    std::map<int, double> weight;
    std::map<int, theory::Pitch> spelling;
    std::map<int, double> minorWeight;
    for (const auto& bar : source.bars)
        for (size_t i = 0; i < bar.size(); ++i) {
            std::string error;
            const auto c = theory::ChordSymbol::tryParse(bar[i].symbol, &error);
            if (!c || c->isNoChord())
                continue;
            const double end = i + 1 < bar.size() ? bar[i + 1].offset : source.beatsPerBar;
            const int pc = c->root().pitchClass();
            weight[pc] += end - bar[i].offset;
            spelling.emplace(pc, c->root());
            const auto& iv = c->intervals();
            const bool hasMinorThird = std::find(iv.begin(), iv.end(), 3) != iv.end();
            const bool hasMajorThird = std::find(iv.begin(), iv.end(), 4) != iv.end();
            if (hasMinorThird && !hasMajorThird)
                minorWeight[pc] += end - bar[i].offset;
        }
    int tonicPc = 0;
    double best = -1;
    for (const auto& [pc, w] : weight)
        if (w > best) {
            best = w;
            tonicPc = pc;
        }
    from_ = spelling.count(tonicPc) ? spelling[tonicPc] : theory::Pitch(0, 0, 4);
    minor_ = best > 0 && minorWeight[tonicPc] * 2 > best;
    // The target key: of its spellings, the one with the fewest accidentals; a tie (F#/Gb)
    // goes to flats.
    const int targetPc = mod(from_.pitchClass() + semitones_, 12);
    bool found = false;
    for (int step = 0; step < 7; ++step) {
        theory::Pitch p;
        if (!onLetter(targetPc, step, &p))
            continue;
        const int sig = signature(p, minor_), bestSig = signature(to_, minor_);
        if (!found || std::abs(sig) < std::abs(bestSig) ||
            (std::abs(sig) == std::abs(bestSig) && sig < bestSig)) {
            to_ = p;
            found = true;
        }
    }
    letterSteps_ = mod(to_.step() - from_.step(), 7);
}

theory::Pitch KeyTransposition::spell(const theory::Pitch& p) const {
    const int pc = mod(p.pitchClass() + semitones_, 12);
    theory::Pitch out;
    if (onLetter(pc, mod(p.step() + letterSteps_, 7), &out))
        return out;
    // A double sharp or flat in this key (a chromatic chord): the nearest letter instead,
    // leaning the key's way.
    const bool flats = signature(to_, minor_) < 0;
    for (int step = 0; step < 7; ++step)
        if (onLetter(pc, step, &out) && (out.alter() == 0 || (out.alter() < 0) == flats))
            return out;
    for (int step = 0; step < 7; ++step)
        if (onLetter(pc, step, &out))
            return out;
    return out;
}

std::string KeyTransposition::symbol(const std::string& chord) const {
    std::string error;
    const auto c = theory::ChordSymbol::tryParse(chord, &error);
    if (!c || c->isNoChord() || semitones_ == 0)
        return chord;
    std::string text = printName(spell(c->root()));
    text.append(c->suffix());
    if (c->bass()) {
        text.push_back('/');
        text.append(printName(spell(*c->bass())));
    }
    if (const auto moved = theory::ChordSymbol::tryParse(text, &error))
        return moved->toString();
    return c->transposed(semitones_, signature(to_, minor_) > 0 ? theory::ChordSymbol::Spelling::Sharps
                                                                 : theory::ChordSymbol::Spelling::Flats)
        .toString();
}

std::string KeyTransposition::targetKeyName() const {
    return printName(to_) + (minor_ ? "m" : "");
}

} // namespace jazz::generate
