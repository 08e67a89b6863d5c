// The studio's mixer: per part (by name: "Solo", "Bass", "Drums", ...) a volume, mute and solo,
// plus a master volume. The same settings shape MIDI export, WAV render and live playback.
#pragma once

#include <map>
#include <string>

namespace jazz::perform {

struct PartMix {
    int volume = 100; // MIDI channel volume (controller 7), 0..127
    bool mute = false;
    bool solo = false;
    bool operator==(const PartMix&) const = default;
};

struct Mixer {
    std::map<std::string, PartMix> parts; // parts not listed play as PartMix{}
    int master = 100;                     // percent, 0..100, scales every part's volume
    bool operator==(const Mixer&) const = default;

    PartMix part(const std::string& name) const;
    // A part is heard unless muted, or unless some other part is soloed and it is not.
    bool audible(const std::string& name) const;
    // The controller-7 value the part's channel gets: its volume times the master.
    int channelVolume(const std::string& name) const;
};

} // namespace jazz::perform
