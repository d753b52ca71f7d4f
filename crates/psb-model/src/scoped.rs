//! The serialization switches (English names, uniffi's values, marked secrets) are thread-local
//! settings for the length of one call.

use std::cell::Cell;
use std::thread::LocalKey;

/// Sets `key` to `value` for the length of `f`, then puts back what it was, also when `f`
/// panics: uniffi catches a panic at its boundary and the thread lives on, so a switch left on
/// would change what that thread later sends on the wire.
pub(crate) fn with_set<T: Copy + 'static, R>(key: &'static LocalKey<Cell<T>>, value: T, f: impl FnOnce() -> R) -> R {
    struct Restore<T: Copy + 'static>(&'static LocalKey<Cell<T>>, T);
    impl<T: Copy + 'static> Drop for Restore<T> {
        fn drop(&mut self) {
            self.0.with(|c| c.set(self.1));
        }
    }
    let _restore = Restore(key, key.with(|c| c.replace(value)));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static FLAG: Cell<bool> = const { Cell::new(false) };
    }

    #[test]
    fn the_value_holds_inside_and_is_put_back_after_a_panic_too() {
        assert!(with_set(&FLAG, true, || FLAG.with(Cell::get)));
        assert!(!FLAG.with(Cell::get));
        let caught = std::panic::catch_unwind(|| with_set(&FLAG, true, || panic!("inside")));
        assert!(caught.is_err());
        assert!(!FLAG.with(Cell::get), "a panic left the switch on");
    }
}
