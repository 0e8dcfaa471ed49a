package org.maftia.appia;

/**
 * The direction an event flows in a channel (spec 2.1.3, class Direction): {@link #UP} towards
 * the top (the application), {@link #DOWN} towards the bottom (the network).
 *
 * <p>As in the specification the object is mutable ({@link #invert()} turns an event around), so
 * each event should own its instance; {@link #up()} and {@link #down()} return fresh ones.
 */
public final class Direction {

    public static final int UP = 1;
    public static final int DOWN = 2;

    public int direction;

    public Direction(int direction) {
        if (direction != UP && direction != DOWN) {
            throw new IllegalArgumentException(
                    "direction must be Direction.UP (1) or Direction.DOWN (2), not " + direction);
        }
        this.direction = direction;
    }

    public static Direction up() {
        return new Direction(UP);
    }

    public static Direction down() {
        return new Direction(DOWN);
    }

    public void invert() {
        direction = direction == UP ? DOWN : UP;
    }

    public boolean isUp() {
        return direction == UP;
    }

    public boolean isDown() {
        return direction == DOWN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Direction d && d.direction == direction;
    }

    @Override
    public int hashCode() {
        return direction;
    }

    @Override
    public String toString() {
        return direction == UP ? "UP" : "DOWN";
    }
}
