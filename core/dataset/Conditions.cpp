#include "dataset/Conditions.h"

#include "theory/Chord.h"
#include "theory/ChordAtTime.h"

#include <algorithm>
#include <cmath>

namespace jazz::dataset {

void conditionFeatures(const std::vector<int>& chordPitches, double position, float* out) {
    std::fill(out, out + kConditionWidth, 0.f);
    if (!chordPitches.empty()) {
        const int root = theory::Chord::fromMidi(chordPitches).root().pitchClass();
        for (int p : chordPitches)
            out[((p - root) % 12 + 12) % 12] = 1.f;
    }
    const double pos = std::max(0.0, position);
    const double beat = std::floor(pos + 1e-6);
    out[12 + std::min(3, int(beat))] = 1.f;
    out[16] = float(std::clamp(pos - beat, 0.0, 1.0));
}

const std::vector<int>* chordAt(const std::vector<BarChordRef>& chords, double position,
                                const std::vector<int>* held) {
    const BarChordRef* at =
        theory::chordAtTime(chords, position, [](const BarChordRef& c) { return c.offset; });
    return at ? at->pitches : held;
}

} // namespace jazz::dataset
