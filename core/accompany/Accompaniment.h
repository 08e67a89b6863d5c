// Puts a band under a take, the one step the studio and the command line share: MMA plays the
// take's progression in a style, and the parts join the arrangement. Where MMA is missing or
// fails, the take keeps its block chords and the user gets one message naming the package.
#pragma once

#include "accompany/Band.h"
#include "generate/Arrangement.h"

#include <string>
#include <vector>

namespace jazz::accompany {

struct Accompaniment {
    bool played = false;            // the band is on the take
    std::string unavailable;        // why not (MMA missing or failed), for one message
    std::vector<std::string> notes; // chord reductions, once each
};

// Replaces take.band and take.style. options.tempo is taken from the take. Throws jazz::Error
// only for what the user must fix (an unknown style, a groove in another meter).
Accompaniment accompany(generate::Arrangement& take, BandOptions options);

} // namespace jazz::accompany
