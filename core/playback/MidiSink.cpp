#include "playback/MidiSink.h"

#include "playback/EngineClock.h"

#include <algorithm>
#include <cstring>

namespace jazz::playback {

std::string MidiSink::errorMessage() const {
    return failed() ? std::string(message_.data()) : std::string();
}

void MidiSink::fail(const char* message) {
    if (failed_.load(std::memory_order_acquire))
        return;
    std::strncpy(message_.data(), message, message_.size() - 1);
    failed_.store(true, std::memory_order_release);
}

RecordingSink::RecordingSink(size_t capacity, const EngineClock* clock)
    : entries_(capacity), clock_(clock) {}

void RecordingSink::send(const uint8_t* bytes, size_t size) {
    const size_t i = count_.load(std::memory_order_relaxed);
    if (i >= entries_.size()) {
        dropped_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    Entry& e = entries_[i];
    e.at = clock_ ? clock_->now() : Clock::now();
    e.size = uint8_t(std::min<size_t>(size, 3));
    std::memcpy(e.bytes.data(), bytes, e.size);
    count_.store(i + 1, std::memory_order_release);
}

std::vector<RecordingSink::Entry> RecordingSink::entries() const {
    const size_t n = count_.load(std::memory_order_acquire);
    return std::vector<Entry>(entries_.begin(), entries_.begin() + long(n));
}

void RecordingSink::clear() {
    count_.store(0);
    dropped_.store(0);
}

} // namespace jazz::playback
