#include "accompany/Accompaniment.h"

namespace jazz::accompany {

Accompaniment accompany(generate::Arrangement& take, BandOptions options) {
    Accompaniment result;
    take.band.clear();
    take.style.clear();
    options.tempo = take.tempo;
    try {
        Band band = playBand(take.solo.progression, options);
        take.band = std::move(band.parts);
        take.style = band.style;
        result.notes = std::move(band.notes);
        result.played = true;
    } catch (const BandUnavailable& e) {
        result.unavailable = e.what();
    }
    return result;
}

} // namespace jazz::accompany
