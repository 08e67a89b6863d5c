// The rhythm section under a take, played by MMA (Musical MIDI Accompaniment, the Debian package
// "mma") as an external program: the progression goes in as an MMA chart, MMA's MIDI comes back
// as named parts (Bass, Drums on channel 10, Comping, and whatever else the groove brings).
// This is the whole interface between a take and its band: progression and style in, parts out.
#pragma once

#include "Error.h"
#include "generate/Progression.h"
#include "midi/Song.h"

#include <cstdint>
#include <string>
#include <vector>

namespace jazz::accompany {

struct BandOptions {
    std::string style;          // an MMA groove; empty: defaultStyleFor(the progression's meter)
    double tempo = 130;         // written into the chart (the parts come back in beats)
    uint32_t seed = 0;          // MMA's random variations, so a take's band is reproducible
    std::string program;        // empty: "mma" on the PATH
    std::string styleDirectory; // empty: defaultStyleDirectory()
    int timeoutMs = 20000;      // MMA takes about 0.2 s a chorus; a hung one is stopped
};

struct Band {
    std::string style;                  // the groove as MMA spells it
    std::vector<midi::SongTrack> parts; // channels 2-16 (index 1-15), drums on 10 (index 9)
    std::vector<std::string> notes;     // chord reductions and the like, for the user, once each
};

// MMA is not installed, or it failed or hung: the take then plays with block chords. The
// message names the package (and MMA's own complaint when it ran and failed).
class BandUnavailable : public Error {
public:
    using Error::Error;
};

// The mma program to run: `program` if given and found, else mma on the PATH; empty if none.
std::string findMma(const std::string& program = {});
// "MMA (Musical MIDI Accompaniment) is not installed: install the Debian package 'mma' ..."
std::string mmaMissingMessage();

// Runs MMA over the progression. Throws BandUnavailable (MMA missing, failed, timed out) or
// jazz::Error (an unknown style, naming the closest ones; a groove in another meter).
Band playBand(const generate::Progression& progression, const BandOptions& options);

// MMA's tracks as the studio's parts: notes kept, tracks renamed ("Walk" -> "Bass",
// "Chord-Guitar" -> "Comping (Guitar)", any "Drum-*" -> "Drums"), channels reassigned so that
// channel 1 (index 0) stays the solo's and drums keep channel 10. Exposed for tests.
std::vector<midi::SongTrack> partsFromMma(const midi::Song& mmaSong);

} // namespace jazz::accompany
