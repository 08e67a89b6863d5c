// The take's notes as bars on a pitch-by-time grid: keyboard on the left, bar and beat lines,
// chord symbols in a lane above, zoom and scroll, a playhead. Select, move, resize, delete and
// draw notes; every edit goes on the undo stack. It never opens a device.
#pragma once

#include "StudioDocument.h"

#include <QAbstractScrollArea>
#include <QTemporaryDir>

#include <optional>

class QMimeData;
class QUndoStack;

namespace jazz::ui {

class PianoRoll : public QAbstractScrollArea {
    Q_OBJECT
public:
    PianoRoll(StudioDocument* document, QUndoStack* undo, QWidget* parent = nullptr);

    static constexpr int kLowPitch = 36, kHighPitch = 96; // C2..C7
    static constexpr int kKeyboardWidth = 44, kChordLane = 22, kRowHeight = 9;

    void setPixelsPerBeat(double ppb);
    double pixelsPerBeat() const { return ppb_; }
    void setPlayhead(double beat); // negative: none
    // The band's parts drawn faintly under the solo.
    void setShowBand(bool on);
    bool showsBand() const { return showBand_; }
    int selectedNote() const { return selected_; }
    void selectNote(int index);
    // Where a note is drawn, in viewport coordinates (for tests and tooltips).
    QRectF noteRect(const generate::SoloNote& n) const;
    int noteCount() const;
    // The drag's payload: the take written to a .mid file (a file URL) plus audio/midi bytes.
    QMimeData* makeDragMimeData(QString* error);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    enum class Drag { None, Move, Resize };
    const session::Take* take() const;
    double beatAt(double x) const;
    int pitchAt(double y) const;
    int noteAt(const QPointF& p, bool* nearRightEdge) const;
    void updateScrollBars();
    bool showBand_ = false;

    StudioDocument* document_;
    QUndoStack* undo_;
    double ppb_ = 40;
    double playhead_ = -1;
    int selected_ = -1;
    Drag drag_ = Drag::None;
    QPointF pressPos_;
    generate::SoloNote original_;
    std::optional<generate::SoloNote> preview_;
    QTemporaryDir dragDir_;
};

// A handle that starts dragging the current take out of the studio as a MIDI file.
class MidiDragHandle : public QWidget {
    Q_OBJECT
public:
    explicit MidiDragHandle(PianoRoll* roll, QWidget* parent = nullptr);
    QSize sizeHint() const override { return {110, 24}; }

Q_SIGNALS:
    void errorOccurred(const QString& message);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;

private:
    PianoRoll* roll_;
    QPoint pressPos_;
};

} // namespace jazz::ui
