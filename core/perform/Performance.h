// The performance stage: a take's solo as a jazz player plays it. The take itself stays on the
// grid (editing, the piano roll and MusicXML read it); what is heard and exported "as played"
// goes through here: swung eighths, dynamics shaped by the phrase, and slight human timing.
#pragma once

#include "midi/Song.h"

#include <cstdint>
#include <vector>

namespace jazz::perform {

struct PerformOptions {
    double swing = 0;       // long:short ratio of eighth pairs; 0 follows the tempo, 1 is straight
    bool dynamics = true;   // phrase contour, accents, ghost notes
    double humanize = 1;    // 0 none; 1: onsets off by ~6 ms and velocities by ~4 (s.d.)
    uint32_t seed = 0;      // the same take and seed play the same way every time
    bool quantized = false; // on the grid: no swing and no jitter (dynamics are kept)
};

// The soloist's swing ratio at a tempo. Measured jazz practice: soloists' eighths in the Weimar
// Jazz Database swing at a median of about 1.3:1 (Corcoran & Frieler 2021, Music Perception
// 38(4)), those solos lying mostly at medium-up tempos; drummers' ride patterns swing about 2:1
// at 120 bpm, falling towards 1.5:1 at 240 (Friberg & Sundstrom 2002, Music Perception 19(3)),
// and the soloists they measured swung less than the drummer at the same tempo, nearing even
// eighths at the fastest. So: 2.0 at 60 bpm, 1.7 at 120, 1.3 at 200 and 1.1 at 300 and above,
// straight lines between (1.65 at the notebook's 130 bpm).
double swingForTempo(double bpm);
// options.swing when given (clamped to 1..3), else swingForTempo(bpm).
double swingRatio(const PerformOptions& options, double bpm);

// Moves a time in quarter notes: within a beat, the off-beat eighth moves from 0.5 to
// r/(1+r) and everything between follows linearly. Only beats marked in `swungBeats` move.
double swingTime(double beat, double ratio, const std::vector<bool>& swungBeats);
// Beats whose onsets all lie on the eighth-note grid (0 or 0.5) swing; a beat holding a
// triplet or a sixteenth is left as written.
std::vector<bool> swungBeats(const std::vector<midi::SongNote>& notes, double lengthBeats);

// Velocities shaped by the phrase (one per note, in the notes' order, which must be by onset):
// phrases are split by rests of half a beat or more; each rises towards its highest note and
// falls after it; the highest note and notes a leap above both neighbours are accented; a
// syncopation (an off-beat note held over the beat, or an anticipation) is accented; an
// off-beat eighth inside a line is lifted slightly, and a line's low passing eighths (a step or
// more below both neighbours) are ghosted. The note's own velocity scales the result (90 = as is).
std::vector<int> phraseVelocities(const std::vector<midi::SongNote>& notes);

// The solo as played, sorted by onset. `bpm` sets the swing and the jitter in milliseconds.
std::vector<midi::SongNote> perform(const std::vector<midi::SongNote>& notes, double bpm,
                                    const PerformOptions& options);

} // namespace jazz::perform
