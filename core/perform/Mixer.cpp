#include "perform/Mixer.h"

#include <algorithm>
#include <cmath>

namespace jazz::perform {

PartMix Mixer::part(const std::string& name) const {
    const auto it = parts.find(name);
    return it == parts.end() ? PartMix{} : it->second;
}

bool Mixer::audible(const std::string& name) const {
    const PartMix p = part(name);
    if (p.mute)
        return false;
    const bool anySolo =
        std::any_of(parts.begin(), parts.end(), [](const auto& kv) { return kv.second.solo; });
    return !anySolo || p.solo;
}

int Mixer::channelVolume(const std::string& name) const {
    const double v = std::clamp(part(name).volume, 0, 127) * std::clamp(master, 0, 100) / 100.0;
    return int(std::lround(v));
}

} // namespace jazz::perform
