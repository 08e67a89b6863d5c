// A handle that starts dragging the current take out of the studio as a MIDI file.
#pragma once

#include <QWidget>

namespace jazz::ui {

class PianoRoll;

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
