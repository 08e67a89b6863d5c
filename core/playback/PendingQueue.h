// The playback engine's queued events taken off its ring and waiting for their beat, in play
// order, on the scheduler thread: allocated once, never again. Events usually come in time
// order (a chorus, an answer): those are appended to a ring in O(1). One that would play before
// the last one held (an answer queued under a band chorus already waiting) goes to a min-heap
// instead, O(log n). The next event is the earlier of the two fronts. Among events due together
// the order is the one `Before` gives, then the order they were pushed in.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace jazz::playback {

template <typename T, typename Before> class PendingQueue {
public:
    explicit PendingQueue(size_t capacity) : capacity_(capacity) {
        size_t n = 1;
        while (n < capacity)
            n <<= 1;
        ring_.resize(n);
        mask_ = n - 1;
        heap_.reserve(capacity);
    }
    size_t size() const { return count_ + heap_.size(); }
    bool empty() const { return size() == 0; }
    size_t capacity() const { return capacity_; }
    // False (nothing stored) when full.
    bool push(const T& item) {
        if (size() >= capacity_)
            return false;
        const Entry e{item, seq_++};
        if (count_ == 0 || !earlier(e, ring_[(head_ + count_ - 1) & mask_])) {
            ring_[(head_ + count_) & mask_] = e;
            ++count_;
        } else {
            heap_.push_back(e);
            std::push_heap(heap_.begin(), heap_.end(), later);
        }
        return true;
    }
    // The next to play; only when not empty.
    const T& next() const { return fromHeap() ? heap_.front().item : ring_[head_].item; }
    void pop() {
        if (fromHeap()) {
            std::pop_heap(heap_.begin(), heap_.end(), later);
            heap_.pop_back();
        } else {
            head_ = (head_ + 1) & mask_;
            --count_;
        }
    }
    void clear() {
        count_ = 0;
        heap_.clear();
    }

private:
    struct Entry {
        T item;
        uint64_t seq;
    };
    static bool earlier(const Entry& a, const Entry& b) {
        if (Before{}(a.item, b.item))
            return true;
        if (Before{}(b.item, a.item))
            return false;
        return a.seq < b.seq;
    }
    static bool later(const Entry& a, const Entry& b) { return earlier(b, a); }
    bool fromHeap() const {
        return !heap_.empty() && (count_ == 0 || earlier(heap_.front(), ring_[head_]));
    }

    size_t capacity_;
    std::vector<Entry> ring_; // in play order from head_
    size_t mask_ = 0, head_ = 0, count_ = 0;
    std::vector<Entry> heap_; // the out-of-order ones, earliest at the front
    uint64_t seq_ = 0;
};

} // namespace jazz::playback
