// A lock-free single-producer, single-consumer ring of fixed capacity, allocated once: how
// events cross into a real-time thread (the scheduler) or out of one (a MIDI input callback)
// without a lock or an allocation on that thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <vector>

namespace jazz::playback {

template <typename T> class SpscRing {
public:
    // Holds up to `capacity` items (rounded up to a power of two).
    explicit SpscRing(size_t capacity) {
        size_t n = 1;
        while (n < capacity)
            n <<= 1;
        items_.resize(n);
        mask_ = n - 1;
    }
    SpscRing(const SpscRing&) = delete;
    SpscRing& operator=(const SpscRing&) = delete;

    // Producer only. False (nothing stored) when full.
    bool push(const T& item) {
        const size_t head = head_.load(std::memory_order_relaxed);
        if (head - tail_.load(std::memory_order_acquire) > mask_)
            return false;
        items_[head & mask_] = item;
        head_.store(head + 1, std::memory_order_release);
        return true;
    }
    // Consumer only. False when empty.
    bool pop(T& item) {
        const size_t tail = tail_.load(std::memory_order_relaxed);
        if (tail == head_.load(std::memory_order_acquire))
            return false;
        item = items_[tail & mask_];
        tail_.store(tail + 1, std::memory_order_release);
        return true;
    }
    bool empty() const {
        return tail_.load(std::memory_order_acquire) == head_.load(std::memory_order_acquire);
    }
    size_t capacity() const { return mask_ + 1; }

private:
    std::vector<T> items_;
    size_t mask_ = 0;
    alignas(64) std::atomic<size_t> head_{0}; // written by the producer
    alignas(64) std::atomic<size_t> tail_{0}; // written by the consumer
};

} // namespace jazz::playback
