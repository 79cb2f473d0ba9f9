"""domain/handoff.py: which playing tile goes where when the wall shows other cameras."""

from videowall.domain.handoff import handoff_order


def test_in_place_tiles_stay_playing_ones_move_the_rest_fill_in_order() -> None:
    assert handoff_order(["A", "B", "C"], ["A", "B", "C"]) == [0, 1, 2]
    assert handoff_order(["A", "B", "C"], ["C", "A", "B"]) == [2, 0, 1]
    assert handoff_order(["A", "B", "C", "D"], ["X", "D", "C"]) == [0, 3, 2, 1]  # D rescued from a dropped place


def test_nothing_playing_and_cameras_wanted_twice() -> None:
    assert handoff_order([None, "A", None], ["A", "A", "B"]) == [0, 1, 2]  # A in place stays; the first starts
    assert handoff_order([None, None, "A"], ["A", "A", "B"]) == [2, 0, 1]  # the second A starts its own stream
    assert handoff_order([None, None], [None, "A"]) == [0, 1]
    assert handoff_order(["A", "B"], [None, None]) == [0, 1]  # emptied places do not pull tiles around
    assert handoff_order([], ["A"]) == []


def test_the_order_is_always_a_permutation_that_keeps_every_camera_it_can() -> None:
    import itertools

    for playing in itertools.product(["A", "B", None], repeat=4):
        for wanted in itertools.product(["A", "B", "C", None], repeat=3):
            order = handoff_order(list(playing), list(wanted))
            assert sorted(order) == [0, 1, 2, 3]
            for camera in ("A", "B"):  # as many places show a playing tile of a camera as can
                kept = sum(1 for i, w in enumerate(wanted) if w == camera and playing[order[i]] == camera)
                assert kept == min(wanted.count(camera), playing.count(camera)), (playing, wanted, order)
