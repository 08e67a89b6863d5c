// What the chord-aware model sees beside each step's value: the chord sounding where the value
// to predict starts, and where in the bar that is. The notebook's LSTM never sees the chords
// (only the grammar's decoding does); this is the studio's option beside it.
//
// Layout of one step's kConditionWidth floats:
//   [0, 12)  the chord's pitch classes counted from its root (root = 0), so a dominant seventh
//            reads the same in every key. The grammar's values are themselves key-free
//            (classes and intervals, not pitches), so the chord's quality and not its key is
//            what can inform them; absolute pitch classes would split a small corpus twelve ways.
//   [12, 16) which beat the value starts on (one-hot; beats past the fourth count as the fourth)
//   16       how far into that beat it starts, 0..1 (a swung eighth reads 0.67)
#pragma once

#include <vector>

namespace jazz::dataset {

constexpr int kConditionWidth = 17;

// chordPitches: MIDI pitches of the chord (empty: no chord, all zero); position: quarter notes
// from the bar's start.
void conditionFeatures(const std::vector<int>& chordPitches, double position, float* out);

// The chord at `position` among a bar's chords (offsets in quarter notes, ascending), by
// theory::chordAtTime; `held` (the chord carried over from an earlier bar) when it has none.
struct BarChordRef {
    double offset = 0;
    const std::vector<int>* pitches = nullptr;
};
const std::vector<int>* chordAt(const std::vector<BarChordRef>& chords, double position,
                                const std::vector<int>* held);

} // namespace jazz::dataset
