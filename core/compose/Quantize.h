// A played phrase read as a musician would write it: recorded notes (stamped in beats) put on
// the grid, one line, bar by bar, and encoded as grammar values over the chords, so that what a
// player recorded or traded can prime the model (generate::Improviser::prime).
#pragma once

#include "generate/Generator.h"
#include "generate/Progression.h"
#include "playback/Transport.h"

#include <string>
#include <vector>

namespace jazz::compose {

// A note as played: start and end in beats of the song (as the transport placed them).
struct PlayedNote {
    double start = 0;
    double end = 0;
    int pitch = 60;
    int velocity = 90;
};

// Pairs note-ons with note-offs per channel and pitch, in arrival order. A pitch struck again
// while held ends the first note there; a note still held at `until` ends at `until`.
std::vector<PlayedNote> pairNotes(const std::vector<playback::BeatMessage>& messages, double until);

struct QuantizeOptions {
    double beatsPerBar = 4;
    double origin = 0; // the beat where the first bar starts
    int bars = 4;      // the bars played in: [origin, origin + bars * beatsPerBar)
};

// Notes on the grid, starts from `origin`, sorted. How:
// - A steady lag is taken out first: the median offset of the onsets near a beat (up to an
//   eighth before it or 0.2 after it), so a player who lays back, or a MIDI path's latency, is
//   read against the beat meant.
// - Grid per beat, as musicians play: sixteenths, or eighth-note triplets where an onset sits
//   on the middle triplet (about 1/3) and the triplet grid fits the beat's onsets better. A beat
//   with only a late offbeat (between the eighth and about 0.72) is a swung eighth: it is read
//   as the straight eighth, as jazz is written.
// - An onset up to an eighth of a beat before the beat belongs to it (played early).
// - Ends snap to the grid of the beat they fall in; a note lasts at least one grid step.
// - One line: notes starting together (a chord, a double stop) keep the highest; a note still
//   sounding when the next starts ends there (the later note wins: it is what the player moved
//   on to).
// - Notes are cut at the bar line they cross (the grammar reads bar by bar); notes before the
//   first bar (more than an eighth early) or from the last bar line on are dropped.
std::vector<generate::SoloNote> quantize(const std::vector<PlayedNote>& played,
                                         const QuantizeOptions& options);

// The grammar values of each bar of `notes` (starts from the first bar's start, as quantize
// gives them) over `chords` (one entry per bar played; an empty bar holds the chord before).
// Rests fill the gaps between notes (none before the first note or after the last, as the
// corpus import reads parts), so values read like those the model was trained on.
std::vector<std::vector<std::string>> encodeBars(const std::vector<generate::SoloNote>& notes,
                                                 const generate::Progression& chords);

} // namespace jazz::compose
