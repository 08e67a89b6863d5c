#include "notation/NoteSpelling.h"

#include <algorithm>
#include <cstdlib>

namespace jazz::notation {

namespace {

int mod12(int x) {
    return ((x % 12) + 12) % 12;
}

theory::Pitch withLetter(int midi, int step) {
    const int alter = (mod12(midi - theory::stepPitchClass(step) + 6)) - 6; // -6..5
    const int octave = (midi - alter - theory::stepPitchClass(step)) / 12 - 1;
    return theory::Pitch(step, alter, octave);
}

theory::Pitch plain(int midi) {
    static const int step[12] = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6};
    return withLetter(midi, step[mod12(midi)]);
}

} // namespace

theory::Pitch spellOver(int midi, const theory::ChordSymbol& chord) {
    if (chord.isNoChord())
        return plain(midi);
    const auto& iv = chord.intervals();
    auto has = [&](int i) { return std::find(iv.begin(), iv.end(), i) != iv.end(); };
    // Letters above the root for each semitone: b9, b3 (the blue note), #11 and b13 by
    // default, as a dominant's tensions are written; b5 over chords that hold it (m7b5, dim),
    // #9 over 7#9, #5 over augmented chords, 6 (not bb7) over diminished sevenths.
    int letters[12] = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6};
    if (has(6) && !has(7))
        letters[6] = 4;
    if (has(15) && has(4))
        letters[3] = 1;
    if (has(8) && !has(7))
        letters[8] = 4;
    const int interval = mod12(midi - chord.root().pitchClass());
    const theory::Pitch p = withLetter(midi, (chord.root().step() + letters[interval]) % 7);
    // A root with its own accidental can push a note to a double sharp or flat: read it
    // plainly instead.
    return std::abs(p.alter()) > 1 ? plain(midi) : p;
}

} // namespace jazz::notation
